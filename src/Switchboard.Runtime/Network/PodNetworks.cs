using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Network;

/// <summary>
/// Makes and removes pod networks with real <c>ip</c> commands, recording each thing in the <see cref="RuntimeState"/>
/// before making it, so that <c>sbctl down</c> — or the next <c>up</c> after a crash or <c>kill -9</c> — removes exactly
/// what was made, by name, and nothing else.
/// </summary>
public sealed class PodNetworks(IProcessRunner processes, NetworkLayout layout, RuntimeState state, string etcNetns = "/etc/netns")
{
    public async Task EnsureBridgeAsync(CancellationToken token = default)
    {
        var exists = await processes.RunAsync(new ProcessCommand("ip", "link", "show", layout.Bridge), token);
        if (exists.ExitCode == 0) return;
        state.Record(RuntimeThing.Bridge(layout.Bridge));
        foreach (var command in NetworkPlan.CreateBridge(layout)) (await processes.RunAsync(command, token)).EnsureSuccess();
    }

    public async Task CreateAsync(string podName, PodNetworkSpec pod, CancellationToken token = default)
    {
        // A namespace of this name that this run did not record is someone else's — another sbctl up with a pod of the
        // same name (a bare Pod is named as written: two runs of one example both have it). Refused before it is
        // recorded, so that removing this pod can never remove theirs.
        if (File.Exists(PodNamespaces.PathOf(pod.Netns)) && !state.Things.Contains(RuntimeThing.Netns(pod.Netns)))
            throw new IOException($"network namespace {pod.Netns} exists and is not this run's (another sbctl up has a pod of that name)");
        state.Record(RuntimeThing.Netns(pod.Netns));
        state.Record(RuntimeThing.Link(pod.Veth.Host));
        foreach (var command in NetworkPlan.CreatePod(layout, pod)) (await processes.RunAsync(command, token)).EnsureSuccess();
        var dir = Path.Combine(etcNetns, pod.Netns);
        state.Record(RuntimeThing.Directory(dir));
        Directory.CreateDirectory(dir);
        await WriteHostsAsync(podName, pod, token);
    }

    /// <summary>
    /// Writes the pod's hosts file if its text changed, in place: <c>ip netns exec</c> bind-mounts this very file over
    /// /etc/hosts, so the pod's running processes see a Service applied later on their next lookup (a rename would
    /// leave them holding the old file).
    /// </summary>
    public async Task WriteHostsAsync(string podName, PodNetworkSpec pod, CancellationToken token = default)
    {
        var file = Path.Combine(etcNetns, pod.Netns, "hosts");
        var text = NetworkPlan.HostsFile(podName, pod);
        if (File.Exists(file) && await File.ReadAllTextAsync(file, token) == text) return;
        await File.WriteAllTextAsync(file, text, token);
    }

    /// <summary>
    /// Removes one pod's network (its namespace with its rules and processes, its veth, its /etc/netns directory) and
    /// forgets it — only what the ledger says this run made: a pod whose creation was refused removes nothing.
    /// </summary>
    public async Task RemoveAsync(PodNetworkSpec pod, CancellationToken token = default)
    {
        var recorded = state.Things;
        foreach (var thing in new[] { RuntimeThing.Directory(Path.Combine(etcNetns, pod.Netns)), RuntimeThing.Link(pod.Veth.Host), RuntimeThing.Netns(pod.Netns) }.Where(recorded.Contains))
            await RemoveAsync(thing, token);
    }

    /// <summary>Removes everything the state records, newest first; what is already gone is fine.</summary>
    public async Task RemoveAllAsync(CancellationToken token = default)
    {
        foreach (var thing in state.Things.Reverse()) await RemoveAsync(thing, token);
    }

    private async Task RemoveAsync(RuntimeThing thing, CancellationToken token)
    {
        switch (thing.Kind)
        {
            case RuntimeThingKind.Netns:
                // Processes left in the namespace (after a kill -9 of up) go with it: deleting a namespace does not stop them.
                var pids = await processes.RunAsync(new ProcessCommand("ip", "netns", "pids", thing.Name), token);
                foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)) await processes.RunAsync(new ProcessCommand("kill", "-9", pid.Trim()), token);
                await processes.RunAsync(new ProcessCommand("ip", "netns", "delete", thing.Name), token);
                break;
            case RuntimeThingKind.Link: await processes.RunAsync(new ProcessCommand("ip", "link", "delete", thing.Name), token); break;
            case RuntimeThingKind.Bridge: await processes.RunAsync(NetworkPlan.DeleteBridge(layout with { Bridge = thing.Name }), token); break;
            case RuntimeThingKind.Directory when Directory.Exists(thing.Name): Directory.Delete(thing.Name, recursive: true); break;
        }
        state.Forget(thing);
    }
}
