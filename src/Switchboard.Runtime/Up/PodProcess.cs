using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Up;

/// <summary>
/// How a program runs inside a pod of <c>sbctl up</c>: in the pod's network namespace (and its hosts file), as a given
/// user with no supplementary groups, with its environment. One definition for the runtime's sidecars and apps and for
/// <c>sbctl exec</c>, so what exec runs sees what the pod's app sees.
/// </summary>
public static class PodProcess
{
    /// <summary>
    /// <c>ip netns exec NETNS setpriv … -- env … COMMAND</c>. HOME points somewhere every user can write, because
    /// <c>dotnet</c> writes its first-run files there and the app's user has no home on this machine.
    /// </summary>
    public static ProcessCommand Command(string netns, int uid, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> env) =>
        new("ip", ["netns", "exec", netns, "setpriv", $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--",
            "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "DOTNET_NOLOGO=1", .. env.Select(e => $"{e.Key}={e.Value}"), .. command]);
}
