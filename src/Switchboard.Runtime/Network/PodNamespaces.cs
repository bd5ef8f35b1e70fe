namespace Switchboard.Runtime.Network;

/// <summary>The network namespaces of running <c>sbctl up</c> pods (<c>/run/netns/sb-NS-POD</c>), found by a pod's name.</summary>
public static class PodNamespaces
{
    private const string Directory = "/run/netns";

    /// <summary>The namespaces whose pod is <paramref name="name"/> (<c>POD</c> or <c>NAMESPACE/POD</c>): one when it is running.</summary>
    public static IReadOnlyList<string> Find(string name)
    {
        var suffix = "-" + (name.Contains('/') ? name.Replace('/', '-') : name);
        var all = System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName).OfType<string>() : [];
        return all.Where(n => n.StartsWith(NetworkLayout.Prefix, StringComparison.Ordinal) && (n.EndsWith(suffix, StringComparison.Ordinal) || n == NetworkLayout.Prefix + name.Replace('/', '-'))).ToList();
    }

    /// <summary>The path of namespace <paramref name="netns"/> (what <c>setns</c> opens).</summary>
    public static string PathOf(string netns) => Path.Combine(Directory, netns);
}
