namespace Switchboard.Proxy.Tests;

/// <summary>
/// The seed's payments system on loopback, shared by the tests that translate real YAML: payment-service
/// (port 8080) served by a v1 and a v2 WorkloadEntry pointing at test upstreams, the caller checkout, and a
/// DestinationRule with the seed's stable/canary subsets. Tests add their own VirtualServices and policies.
/// </summary>
public static class PaymentMesh
{
    public static string Workloads(int v1Port, int v2Port) => $$$"""
        apiVersion: v1
        kind: Service
        metadata: {name: payment-service, namespace: production}
        spec:
          selector: {app: payment-service}
          ports: [{name: http, port: 8080, targetPort: 8080}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: payment-v1, namespace: production}
        spec: {address: 127.0.0.1, ports: {http: {{{v1Port}}}}, labels: {app: payment-service, version: v1}}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: payment-v2, namespace: production}
        spec: {address: 127.0.0.1, ports: {http: {{{v2Port}}}}, labels: {app: payment-service, version: v2}}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: checkout, namespace: production}
        spec: {address: 127.0.0.1, labels: {app: checkout-service, version: v1}, serviceAccount: checkout-service-account}
        """;

    public const string Subsets = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: payment-service-destination, namespace: production}
        spec:
          host: payment-service
          subsets:
          - {name: stable, labels: {version: v1}}
          - {name: canary, labels: {version: v2}}
        """;
}
