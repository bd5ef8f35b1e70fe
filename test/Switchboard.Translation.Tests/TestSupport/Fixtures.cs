namespace Switchboard.Translation.Tests.TestSupport;

/// <summary>
/// A small mesh most tests start from: namespace production with payment-service (port http 8080, VIP 198.19.0.7)
/// served by two v1 pods and one v2 pod, and the caller checkout (a pod with labels app=checkout, version=v1).
/// Tests append VirtualServices, DestinationRules and more services to it.
/// </summary>
internal static class Fixtures
{
    public const string PaymentHost = "payment-service.production.svc.cluster.local";

    public const string Base = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: production
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: payment-service
          namespace: production
        spec:
          clusterIP: 198.19.0.7
          selector:
            app: payment-service
          ports:
          - name: http
            port: 8080
            targetPort: 8080
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: payment-v1-a
          namespace: production
          labels: {app: payment-service, version: v1}
        spec:
          serviceAccountName: payment-service
          containers:
          - name: app
            ports:
            - {name: http, containerPort: 8080}
        status:
          podIP: 198.18.0.11
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: payment-v1-b
          namespace: production
          labels: {app: payment-service, version: v1}
        spec:
          serviceAccountName: payment-service
          containers:
          - name: app
            ports:
            - {name: http, containerPort: 8080}
        status:
          podIP: 198.18.0.12
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: payment-v2-a
          namespace: production
          labels: {app: payment-service, version: v2}
        spec:
          serviceAccountName: payment-service-v2
          containers:
          - name: app
            ports:
            - {name: http, containerPort: 8080}
        status:
          podIP: 198.18.0.21
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: checkout
          namespace: production
          labels: {app: checkout, version: v1}
        spec:
          serviceAccountName: checkout-service-account
          containers:
          - name: app
        status:
          podIP: 198.18.0.31
        """;

    /// <summary>The base mesh plus the given documents.</summary>
    public static string With(params string[] documents) => string.Join("\n---\n", [Base, .. documents]);

    /// <summary>A VirtualService for payment-service in production whose <c>http</c> list is <paramref name="http"/> (YAML, unindented).</summary>
    public static string PaymentVs(string http, string extraSpec = "", string name = "payment-routing") =>
        $"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: {name}
          namespace: production
        spec:
          hosts: [payment-service]
        {Indent(extraSpec, 2)}
          http:
        {Indent(http, 2)}
        """;

    /// <summary>A DestinationRule for payment-service in production with subsets stable (v1) and canary (v2) plus <paramref name="extraSpec"/>.</summary>
    public static string PaymentDr(string extraSpec = "", string name = "payment-dr", string ns = "production", string host = "payment-service.production.svc.cluster.local") =>
        $"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          host: {host}
          subsets:
          - name: stable
            labels: {"{"}version: v1{"}"}
          - name: canary
            labels: {"{"}version: v2{"}"}
        {Indent(extraSpec, 2)}
        """;

    public static string Indent(string text, int spaces)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var pad = new string(' ', spaces);
        return string.Join("\n", text.Replace("\r\n", "\n").Trim('\n').Split('\n').Select(l => l.Length == 0 ? l : pad + l));
    }
}
