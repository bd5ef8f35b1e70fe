using System.Net;
using Switchboard.Config.Nodes;
using Switchboard.Config.Source;

namespace Switchboard.Runtime.Up;

/// <summary>
/// A bare <c>kind: Pod</c> of the config is both what the user asked for and the object the control plane reads the
/// running pod from, as in Kubernetes (where the kubelet only adds <c>spec.nodeName</c> and <c>status</c> to it). So its
/// status is written back into the user's own document — command, env and all kept — and its template (what the hash
/// covers) leaves out exactly what the runtime writes, so a status update is never seen as a new pod.
/// </summary>
public static class DeclaredPod
{
    /// <summary>What identifies the pod as declared: its labels, annotations and spec, without <c>spec.nodeName</c>.</summary>
    public static MappingNode Template(MappingNode document)
    {
        var metadata = document.Get("metadata") as MappingNode;
        var at = document.Location;
        return Map(at,
            ("labels", metadata?.Get("labels")),
            ("annotations", metadata?.Get("annotations")),
            ("spec", Without(document.Get("spec") as MappingNode, "nodeName")));
    }

    /// <summary>
    /// The user's document as the runtime stores it for the running pod: <c>spec.nodeName</c> set to this machine and
    /// <c>status</c> replaced (a Pending pod has no address yet: nobody is sent to it before its app listens).
    /// </summary>
    public static string WithStatus(MappingNode document, string node, PodPhase phase, IPAddress address)
    {
        var at = document.Location;
        var spec = Without(document.Get("spec") as MappingNode, "nodeName");
        spec = new MappingNode(spec.Location, [.. spec.Entries, Entry(at, "nodeName", Text(at, node))]);
        var status = Map(at, ("phase", Text(at, phase.ToString())), ("podIP", phase == PodPhase.Pending ? null : Text(at, address.ToString())));
        var entries = document.Entries.Where(e => e.Key.Value is not ("spec" or "status"))
            .Append(Entry(at, "spec", spec)).Append(Entry(at, "status", status));
        return ConfigNodeWriter.ToYaml(new MappingNode(at, [.. entries]));
    }

    private static MappingNode Without(MappingNode? map, string key) =>
        new(map?.Location ?? default, [.. (map?.Entries ?? []).Where(e => e.Key.Value != key)]);

    private static MappingNode Map(SourceLocation at, params (string Key, ConfigNode? Value)[] entries) =>
        new(at, [.. entries.Where(e => e.Value is not null).Select(e => Entry(at, e.Key, e.Value!))]);

    private static KeyValuePair<ScalarNode, ConfigNode> Entry(SourceLocation at, string key, ConfigNode value) => new(Text(at, key), value);

    private static ScalarNode Text(SourceLocation at, string value) => new(at, value, ScalarType.String);
}
