using Switchboard.Model;
using Switchboard.Config;
using Switchboard.Config.Kubernetes;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Mesh;

/// <summary>
/// Indexes over one set of loaded resources, built once so every analyzer looks things up instead of
/// scanning: resources by kind, services by host, workloads by namespace and label, subsets by host,
/// gateways and secrets by name. Immutable after construction.
/// </summary>
public sealed class MeshIndex
{
    private readonly Dictionary<string, List<Resource>> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MeshService>> _servicesByHost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Workload>> _workloadsByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Ns, string Key, string Value), List<Workload>> _workloadsByLabel = new();
    private readonly Dictionary<string, List<Workload>> _workloadsByLabelAnyNs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Resource<DestinationRuleSpec>>> _rulesByHost = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Ns, string Name), Resource> _byName = new();
    private readonly List<(string Host, Resource<DestinationRuleSpec> Rule)> _wildcardRules = [];
    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);
    private readonly List<Workload> _workloads = [];

    public MeshIndex(IReadOnlyList<Resource> resources, string rootNamespace = "istio-system", string clusterDomain = "cluster.local")
    {
        Resources = resources;
        RootNamespace = rootNamespace;
        Hosts = new HostNames(clusterDomain);
        foreach (var r in resources)
        {
            if (!_byKind.TryGetValue(r.Kind.Kind, out var list)) _byKind[r.Kind.Kind] = list = [];
            list.Add(r);
            if (r.Namespace.Length > 0) _namespaces.Add(r.Namespace);
            if (r.Kind.Kind == "Namespace") _namespaces.Add(r.Name);
            _byName.TryAdd((r.Kind.Kind + "/" + r.Namespace, r.Name), r);
        }
        IndexWorkloads();
        IndexServices();
        foreach (var dr in OfKind<DestinationRuleSpec>("DestinationRule"))
        {
            if (dr.Spec.Host is not { } host) continue;
            var fqdn = ResolveHost(host, dr.Namespace);
            if (fqdn.StartsWith('*')) _wildcardRules.Add((fqdn, dr));
            if (!_rulesByHost.TryGetValue(fqdn, out var rules)) _rulesByHost[fqdn] = rules = [];
            rules.Add(dr);
        }
    }

    public IReadOnlyList<Resource> Resources { get; }
    public string RootNamespace { get; }
    public HostNames Hosts { get; }
    public IReadOnlyCollection<string> Namespaces => _namespaces;
    public IReadOnlyList<Workload> Workloads => _workloads;

    /// <summary>All resources of one kind, typed.</summary>
    public IEnumerable<Resource<TSpec>> OfKind<TSpec>(string kind) where TSpec : class =>
        _byKind.TryGetValue(kind, out var list) ? list.Cast<Resource<TSpec>>() : [];

    public bool HasKind(string kind) => _byKind.ContainsKey(kind);

    /// <summary>The resource of <paramref name="kind"/> named <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public Resource<TSpec>? Find<TSpec>(string kind, string ns, string name) where TSpec : class =>
        _byName.GetValueOrDefault((kind + "/" + ns, name)) as Resource<TSpec>;

    /// <summary>Labels of a Namespace resource, or null when the config has no such Namespace.</summary>
    public IReadOnlyDictionary<string, string>? NamespaceLabels(string ns) => _byName.GetValueOrDefault(("Namespace/", ns))?.Labels;

    /// <summary>The FQDN a host written in <paramref name="ns"/> refers to.</summary>
    public string ResolveHost(string host, string ns) => Hosts.Resolve(host, ns, _namespaces.Contains);

    /// <summary>Services registered under an exact FQDN.</summary>
    public IReadOnlyList<MeshService> ServicesFor(string fqdn) => _servicesByHost.GetValueOrDefault(fqdn) ?? (IReadOnlyList<MeshService>)[];

    /// <summary>True when some service matches <paramref name="fqdn"/>, which may itself be a wildcard.</summary>
    public bool HasServiceFor(string fqdn)
    {
        if (_servicesByHost.ContainsKey(fqdn)) return true;
        if (!fqdn.Contains('*')) return _servicesByHost.Keys.Any(k => k.StartsWith('*') && HostNames.Covers(k, fqdn));
        return _servicesByHost.Keys.Any(k => HostNames.Overlap(k, fqdn));
    }

    /// <summary>DestinationRules whose host is <paramref name="fqdn"/>, then wildcard-host rules that cover it.</summary>
    public IEnumerable<Resource<DestinationRuleSpec>> RulesFor(string fqdn)
    {
        var exact = _rulesByHost.GetValueOrDefault(fqdn) ?? [];
        return _wildcardRules.Count == 0 ? exact : exact.Concat(_wildcardRules.Where(w => w.Host != fqdn && HostNames.Covers(w.Host, fqdn)).Select(w => w.Rule));
    }

    /// <summary>Workloads in <paramref name="ns"/> (every namespace when null) whose labels satisfy <paramref name="selector"/>.</summary>
    public IEnumerable<Workload> Select(string? ns, IReadOnlyDictionary<string, string> selector)
    {
        // Start from the smallest label bucket the selector names, then filter by the rest.
        IEnumerable<Workload>? candidates = null;
        var best = int.MaxValue;
        foreach (var (key, value) in selector)
        {
            var bucket = ns is null
                ? _workloadsByLabelAnyNs.GetValueOrDefault(key + "=" + value)
                : _workloadsByLabel.GetValueOrDefault((ns, key, value));
            if (bucket is null) return [];
            if (bucket.Count < best)
            {
                best = bucket.Count;
                candidates = bucket;
            }
        }
        candidates ??= ns is null ? _workloads : _workloadsByNamespace.GetValueOrDefault(ns) ?? [];
        return candidates.Where(w => Selector.Matches(selector, w.Labels));
    }

    /// <summary>Workloads behind a service: its selector's pods, in its namespace.</summary>
    public IEnumerable<Workload> WorkloadsOf(MeshService service) =>
        service.Selector is { Count: > 0 } selector ? Select(service.IsServiceEntry ? service.Namespace : service.Namespace, selector) : [];

    private void IndexWorkloads()
    {
        foreach (var pod in OfKind<PodBody>("Pod"))
        {
            AddWorkload(new Workload(pod.Name, pod.Namespace, pod.Labels, pod.Annotations, Workload.ServiceAccountOf(pod.Spec.Spec), pod.Spec.Spec, pod,
                IsInjected(pod.Namespace, pod.Labels, pod.Annotations)));
        }
        foreach (var deployment in OfKind<DeploymentSpec>("Deployment"))
        {
            var template = deployment.Spec.Template;
            var labels = template?.Metadata?.Labels ?? ObjectMeta.Empty;
            var annotations = template?.Metadata?.Annotations ?? ObjectMeta.Empty;
            AddWorkload(new Workload(deployment.Name, deployment.Namespace, labels, annotations, Workload.ServiceAccountOf(template?.Spec), template?.Spec, deployment,
                IsInjected(deployment.Namespace, labels, annotations)));
        }
        foreach (var entry in OfKind<WorkloadEntrySpec>("WorkloadEntry"))
        {
            // A VM or other non-Kubernetes workload: in the mesh only when labelled as running a proxy, as Istio reads it.
            AddWorkload(new Workload(entry.Name, entry.Namespace, entry.Spec.Labels, entry.Annotations, entry.Spec.ServiceAccount ?? "default", null, entry,
                SidecarInjection.IsMeshEndpoint(entry.Spec.Labels)));
        }
    }

    private void AddWorkload(Workload workload)
    {
        _workloads.Add(workload);
        if (!_workloadsByNamespace.TryGetValue(workload.Namespace, out var inNs)) _workloadsByNamespace[workload.Namespace] = inNs = [];
        inNs.Add(workload);
        foreach (var (key, value) in workload.Labels)
        {
            if (!_workloadsByLabel.TryGetValue((workload.Namespace, key, value), out var bucket)) _workloadsByLabel[(workload.Namespace, key, value)] = bucket = [];
            bucket.Add(workload);
            if (!_workloadsByLabelAnyNs.TryGetValue(key + "=" + value, out var any)) _workloadsByLabelAnyNs[key + "=" + value] = any = [];
            any.Add(workload);
        }
    }

    /// <summary>Istio's injection rule, the one the proxy's model uses (<see cref="SidecarInjection"/>).</summary>
    private bool IsInjected(string ns, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations) =>
        SidecarInjection.IsInjected(labels, annotations, NamespaceLabels(ns));

    private void IndexServices()
    {
        foreach (var svc in OfKind<ServiceSpec>("Service"))
        {
            var host = $"{svc.Name}.{svc.Namespace}.svc.{Hosts.ClusterDomain}";
            var ports = svc.Spec.Ports.Select(p => new MeshServicePort(p.Port ?? 0, p.Name, Protocols.Of(p.Name, p.AppProtocol), p.TargetPort?.ToString())).ToList();
            AddService(new MeshService(host, svc.Name, svc.Namespace, ports, svc.Spec.Selector, svc));
        }
        foreach (var se in OfKind<ServiceEntrySpec>("ServiceEntry"))
        {
            foreach (var service in ServiceEntryServices.From(se))
            {
                AddService(service);
            }
        }
    }

    private void AddService(MeshService service)
    {
        if (!_servicesByHost.TryGetValue(service.Host, out var list)) _servicesByHost[service.Host] = list = [];
        list.Add(service);
    }
}
