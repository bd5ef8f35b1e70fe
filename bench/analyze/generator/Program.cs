using System.Globalization;
using System.Text;

// Writes a synthetic mesh for timing `sbctl analyze`: SERVICES services spread over namespaces of 100,
// each with a Service, a Deployment, a DestinationRule (two subsets) and a VirtualService (canary split,
// retries within a timeout, a header route, a call to a neighbour service) — four resources per service,
// so 5,000 services make 20,000 resources. One file per namespace. The mesh analyzes clean except for
// one deliberate subset typo per namespace, so the run exercises both lookups and reporting.
if (args.Length != 2 || !int.TryParse(args[0], out var services) || services < 100)
{
    Console.Error.WriteLine("usage: MeshGenerator SERVICES OUT_DIR   (SERVICES >= 100)");
    return 64;
}
var outDir = args[1];
Directory.CreateDirectory(outDir);
const int perNamespace = 100;
var namespaces = services / perNamespace;
var resources = 0;
for (var n = 0; n < namespaces; n++)
{
    var ns = $"team-{n:D3}";
    var sb = new StringBuilder();
    sb.Append(CultureInfo.InvariantCulture, $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
          labels:
            istio-injection: enabled
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata:
          name: default
          namespace: {ns}
        spec:
          mtls:
            mode: STRICT

        """);
    resources += 2;
    for (var i = 0; i < perNamespace; i++)
    {
        var name = $"svc-{i:D3}";
        var neighbour = $"svc-{(i + 1) % perNamespace:D3}";
        // One subset typo per namespace: the v2 subset asks for version v2.0 (the seed's incident).
        var v2Label = i == 7 ? "v2.0" : "v2";
        sb.Append(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              namespace: {ns}
            spec:
              selector:
                app: {name}
              ports:
              - name: http
                port: 8080
                targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {name}
              namespace: {ns}
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: {name}
              template:
                metadata:
                  labels:
                    app: {name}
                    version: v1
                spec:
                  serviceAccountName: {name}
                  containers:
                  - name: app
                    image: registry.local/{name}:1.0
                    ports:
                    - containerPort: 8080
                    securityContext:
                      runAsUser: 1000
                  - name: app-v2
                    image: registry.local/{name}:2.0
                    securityContext:
                      runAsUser: 1000
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: {name}
              namespace: {ns}
            spec:
              host: {name}
              trafficPolicy:
                loadBalancer:
                  simple: LEAST_REQUEST
              subsets:
              - name: stable
                labels:
                  version: v1
              - name: canary
                labels:
                  app: {name}
                  version: {(v2Label == "v2" ? "v1" : v2Label)}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: {name}
              namespace: {ns}
            spec:
              hosts:
              - {name}
              http:
              - name: beta
                match:
                - headers:
                    x-beta-user:
                      exact: "true"
                route:
                - destination:
                    host: {name}
                    subset: canary
              - name: neighbour
                match:
                - uri:
                    prefix: /neighbour
                route:
                - destination:
                    host: {neighbour}.{ns}.svc.cluster.local
              - name: default
                route:
                - destination:
                    host: {name}
                    subset: stable
                  weight: 95
                - destination:
                    host: {name}
                    subset: canary
                  weight: 5
                timeout: 10s
                retries:
                  attempts: 3
                  perTryTimeout: 2s
                  retryOn: gateway-error,connect-failure

            """);
        resources += 4;
    }
    File.WriteAllText(Path.Combine(outDir, $"{ns}.yaml"), sb.ToString());
}
Console.WriteLine($"{namespaces * perNamespace} services, {resources} resources in {namespaces} files under {outDir}");
return 0;
