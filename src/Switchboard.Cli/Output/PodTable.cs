using System.Globalization;
using Switchboard.Runtime.Up;

namespace Switchboard.Cli.Output;

/// <summary>
/// <c>sbctl up</c>'s table of pods, kubectl's columns and words: NAMESPACE, POD, READY (ready/all containers, the
/// sidecar included: 2/2), STATUS, RESTARTS, IP, VERSION (the pod's version label); then the newest events, and what to
/// try next with the pods that are running now.
/// </summary>
public static class PodTable
{
    /// <summary>The table and the newest events, as text.</summary>
    public static string Render(IReadOnlyList<PodStatus> pods, IReadOnlyList<string> events)
    {
        var text = new StringWriter { NewLine = "\n" };
        if (pods.Count == 0) text.WriteLine("No pods.");
        else
        {
            var rows = new List<IReadOnlyList<string>> { new[] { "NAMESPACE", "POD", "READY", "STATUS", "RESTARTS", "IP", "VERSION" } };
            rows.AddRange(pods.Select(p => (IReadOnlyList<string>)[p.Namespace, p.Name, $"{p.Ready}/{p.Containers}", p.Status,
                p.Restarts.ToString(CultureInfo.InvariantCulture), p.Address, p.Version.Length == 0 ? "<none>" : p.Version]));
            TextTable.Write(text, rows);
        }
        if (events.Count > 0)
        {
            text.WriteLine();
            text.WriteLine("EVENTS");
            foreach (var line in events) text.WriteLine(line);
        }
        return text.ToString();
    }

    /// <summary>
    /// What to try next: list the pods, a real in-mesh call from the first running pod with a sidecar (an app and its proxy:
    /// a gateway pod is the proxy alone and an uninjected pod has no capture, so a call from either shows nothing of the
    /// mesh) to a service, the load client from
    /// there, the sidecars' sync state, scaling, and how to stop. <paramref name="service"/> is a <c>host:port</c> the pods can call.
    /// </summary>
    public static string TryNext(IReadOnlyList<PodStatus> pods, string? service, int controlPlanePort)
    {
        var from = pods.FirstOrDefault(p => p.Status == "Running" && p.Containers > 1);
        var plane = controlPlanePort == 15014 ? "" : $" --controlplane http://127.0.0.1:{controlPlanePort}";
        var text = new StringWriter { NewLine = "\n" };
        text.WriteLine("Try next (in another terminal):");
        text.WriteLine($"  sbctl get pods -A -o wide{plane}");
        if (from is not null && service is not null)
        {
            text.WriteLine($"  sbctl exec {from.Namespace}/{from.Name} -- curl -s http://{service}/");
            text.WriteLine($"  sbctl exec {from.Namespace}/{from.Name} -- sbctl x load http://{service}/ --rps 20 --duration 5s");
        }
        text.WriteLine($"  sbctl proxy-status{plane}");
        text.WriteLine($"  sbctl apply -f DEPLOYMENT.yaml{plane}      # change replicas: pods start and stop to match");
        text.WriteLine("  Ctrl-C here takes the whole mesh down");
        return text.ToString();
    }
}
