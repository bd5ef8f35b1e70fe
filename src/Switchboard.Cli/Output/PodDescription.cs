using Switchboard.Config;
using Switchboard.Config.Networking;
using Switchboard.Config.Security;
using Switchboard.Model;

namespace Switchboard.Cli.Output;

/// <summary>
/// <c>sbctl x describe pod</c>'s page: one screen answering "why does this pod get a 503" — which services select
/// it, which DestinationRule subsets it is in (or that it is in none), which VirtualServices route to those
/// subsets, which AuthorizationPolicies apply, and its effective mTLS mode.
/// </summary>
public static class PodDescription
{
    public static void Write(TextWriter output, MeshSnapshot snapshot, IReadOnlyList<Resource> resources, WorkloadModel pod)
    {
        output.WriteLine($"Pod: {pod.Name} ({pod.Kind})");
        output.WriteLine($"   Namespace: {pod.Namespace}");
        output.WriteLine($"   Labels: {Selector.Format(pod.Labels)}");
        output.WriteLine($"   Service account: {pod.ServiceAccount}");
        if (pod.Ip is { } ip) output.WriteLine($"   IP: {ip}");
        var services = snapshot.Services.Where(s => s.Namespace == pod.Namespace && s.Selector is { Count: > 0 } sel && Selector.Matches(sel, pod.Labels)).ToList();
        if (services.Count == 0) output.WriteLine("   WARNING: no Service selects this pod: nothing in the mesh routes to it");
        foreach (var service in services)
        {
            output.WriteLine("--------------------");
            output.WriteLine($"Service: {service.Name} ({service.Namespace})");
            foreach (var port in service.Ports) output.WriteLine($"   Port: {port.Name} {port.Number}/{(port.Protocol ?? "sniffed").ToUpperInvariant()}");
            var subsetsOfPod = new List<string>();
            foreach (var rule in snapshot.DestinationRulesFor(service.Host))
            {
                var spec = rule.Resource.Spec;
                output.WriteLine($"DestinationRule: {rule.Name} for \"{spec.Host}\"");
                var matching = spec.Subsets.Where(s => Selector.Matches(s.Labels, pod.Labels)).Select(s => s.Name ?? "").ToList();
                subsetsOfPod.AddRange(matching);
                if (spec.Subsets.Count > 0 && matching.Count == 0)
                    output.WriteLine($"   WARNING POD DOES NOT MATCH ANY SUBSETS. (Non matching subsets {string.Join(",", spec.Subsets.Select(s => s.Name))})");
                else if (matching.Count > 0)
                    output.WriteLine($"   Matching subsets: {string.Join(",", matching)}" + (spec.Subsets.Count > matching.Count
                        ? $"\n      (Non-matching subsets {string.Join(",", spec.Subsets.Where(s => !matching.Contains(s.Name ?? "")).Select(s => s.Name))})" : ""));
                output.WriteLine($"   Traffic Policy TLS Mode: {spec.TrafficPolicy?.Tls?.Mode?.ToString().ToUpperInvariant() ?? "(auto mTLS)"}");
            }
            foreach (var vs in snapshot.VirtualServices.Where(v => v.Hosts.Any(h => HostNames.Covers(h, service.Host))))
            {
                output.WriteLine($"VirtualService: {vs.Name}");
                var destinations = vs.Spec.Http.SelectMany(r => r.Route).Select(d => d.Destination).OfType<Destination>()
                    .Where(d => snapshot.ResolveHost(d.Host ?? "", vs.Namespace) == service.Host).ToList();
                var routedSubsets = destinations.Select(d => d.Subset).Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
                if (routedSubsets.Count > 0 && !routedSubsets.Any(s => subsetsOfPod.Contains(s!)) && destinations.All(d => !string.IsNullOrEmpty(d.Subset)))
                    output.WriteLine($"   WARNING: No destinations match pod subsets (routes go to {string.Join(",", routedSubsets)})");
                output.WriteLine($"   {vs.Spec.Http.Count} HTTP route(s)");
            }
        }
        output.WriteLine("--------------------");
        var policies = resources.OfType<Resource<AuthorizationPolicySpec>>()
            .Where(p => p.Namespace == pod.Namespace || p.Namespace == snapshot.Options.RootNamespace)
            .Where(p => p.Spec.Selector is not { MatchLabels.Count: > 0 } s || Selector.Matches(s.MatchLabels, pod.Labels))
            .Select(p => $"{p.Name} ({(p.Spec.Action ?? AuthorizationAction.Allow).ToString().ToUpperInvariant()})").ToList();
        output.WriteLine($"RBAC policies: {(policies.Count == 0 ? "none (all requests allowed)" : string.Join(", ", policies))}");
        output.WriteLine("Effective PeerAuthentication:");
        output.WriteLine($"   Workload mTLS mode: {MtlsMode(snapshot, pod)}");
    }

    /// <summary>Workload policy, else namespace policy, else mesh policy (root namespace), else Istio's PERMISSIVE.</summary>
    private static string MtlsMode(MeshSnapshot snapshot, WorkloadModel pod)
    {
        var effective = MtlsPolicy.For(snapshot, pod.Namespace, pod.Labels);
        return effective.Policy is { } policy ? $"{effective.ModeName} (PeerAuthentication {policy})" : "PERMISSIVE (Istio's default: no PeerAuthentication sets a mode)";
    }
}
