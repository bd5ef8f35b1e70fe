namespace Switchboard.Runtime.Up;

/// <summary>
/// One pod as <c>sbctl up</c>'s live table shows it, kubectl's columns: READY is containers ready of all (the sidecar
/// counts, as Istio's injected pods show 2/2), STATUS is kubectl's word (Running, Pending, CrashLoopBackOff,
/// Terminating, Completed, Error), RESTARTS the sum over its containers, VERSION its <c>version</c> label.
/// </summary>
public sealed record PodStatus(string Namespace, string Name, int Ready, int Containers, string Status, int Restarts, string Address, string Version);
