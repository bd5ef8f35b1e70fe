using System.Globalization;
using System.Text;

namespace Switchboard.Bench.ControlPlane;

/// <summary>
/// Writes the benchmark mesh in the store's own layout (DIR/&lt;ns&gt;/&lt;kind&gt;-&lt;name&gt;.yaml): SERVICES services over
/// ten namespaces, each with ENDPOINTS pods (half v1, half v2, addresses in 198.18.0.0/15, never contacted),
/// a DestinationRule with the two subsets and a VirtualService splitting 90/10 between them.
/// </summary>
public static class MeshGenerator
{
    public const int Namespaces = 10;

    public static string NamespaceOf(int service) => $"bench-{service % Namespaces}";

    public static string PodName(int service, int endpoint) => $"svc-{service}-{endpoint}";

    public static void Write(string directory, int services, int endpoints)
    {
        for (var s = 0; s < services; s++)
        {
            var ns = NamespaceOf(s);
            var dir = Path.Combine(directory, ns);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, $"service-svc-{s}.yaml"), Service(s));
            File.WriteAllText(Path.Combine(dir, $"destinationrule-svc-{s}.yaml"), DestinationRule(s));
            File.WriteAllText(Path.Combine(dir, $"virtualservice-svc-{s}.yaml"), VirtualService(s, 90));
            for (var e = 0; e < endpoints; e++) File.WriteAllText(Path.Combine(dir, $"pod-{PodName(s, e)}.yaml"), Pod(s, e, Address(s * endpoints + e)));
        }
    }

    /// <summary>A pod address in 198.18.0.0/15 (past the bridge's .0.1): room for 131,000 pods, never contacted.</summary>
    public static string Address(int index)
    {
        var n = index + 2;
        return string.Create(CultureInfo.InvariantCulture, $"198.{18 + n / 65536}.{n / 256 % 256}.{n % 256}");
    }

    public static string Service(int s) => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: svc-{{s}}, namespace: {{NamespaceOf(s)}} }
        spec: { selector: { app: svc-{{s}} }, ports: [{ name: http, port: 8080 }] }
        """;

    public static string DestinationRule(int s) => $$"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: svc-{{s}}, namespace: {{NamespaceOf(s)}} }
        spec:
          host: svc-{{s}}
          trafficPolicy: { connectionPool: { http: { http1MaxPendingRequests: 100 } } }
          subsets:
          - { name: v1, labels: { version: v1 } }
          - { name: v2, labels: { version: v2 } }
        """;

    public static string VirtualService(int s, int weight) => $$"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: svc-{{s}}, namespace: {{NamespaceOf(s)}} }
        spec:
          hosts: [svc-{{s}}]
          http:
          - route:
            - { destination: { host: svc-{{s}}, subset: v1 }, weight: {{weight}} }
            - { destination: { host: svc-{{s}}, subset: v2 }, weight: {{100 - weight}} }
            retries: { attempts: 2, perTryTimeout: 1s }
        """;

    public static string Pod(int s, int e, string ip) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: { name: {{PodName(s, e)}}, namespace: {{NamespaceOf(s)}}, labels: { app: svc-{{s}}, version: v{{e % 2 + 1}} } }
        spec: { containers: [{ name: app, image: bench, ports: [{ containerPort: 8080 }] }] }
        status: { podIP: {{ip}} }
        """;
}
