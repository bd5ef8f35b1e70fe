using Switchboard.Config.Source;
using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class WorkloadEntryValidatorTests
{
    private static string We(string spec) => Doc("networking.istio.io/v1", "WorkloadEntry", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "no address and no network", """
            # <- spec
            labels: {app: vm}
            """, "spec" },
        { "invalid address", """
            address: not_a_host! # <-
            """, "spec.address" },
        { "relative unix socket", """
            address: unix://var/run/app.sock # <-
            """, "spec.address" },
        { "unix socket with ports", """
            address: unix:///var/run/app.sock
            ports: # <-
              http: 8080
            """, "spec.ports" },
        { "port out of range", """
            address: 10.0.0.1
            ports:
              http: 70000 # <-
            """, "spec.ports[http]" },
        { "invalid port name", """
            address: 10.0.0.1
            ports:
              HTTP_Port: 8080 # <-
            """, "spec.ports[HTTP_Port]" },
        { "invalid label", """
            address: 10.0.0.1
            labels:
              app: "-vm-" # <-
            """, "spec.labels[app]" },
        { "locality with empty zone", """
            address: 10.0.0.1
            locality: us-east1//rack # <-
            """, "spec.locality" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(We(spec), path);
    }

    [Theory]
    [InlineData("address: vm1.example.com")]
    [InlineData("address: 2001:db8::10")]
    [InlineData("address: unix://@abstract-socket")]
    [InlineData("network: vpc-2")]
    public void Accepts(string spec) => AssertClean(We(spec));

    [Fact]
    public void Unknown_field_is_still_rejected()
    {
        AssertReported(We("""
            address: 10.0.0.1
            port: 8080 # <-
            """), "unknown field \"port\"", ProblemKind.Schema);
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(We("""
            address: 10.128.0.12
            ports: {http: 8080, grpc: 9090}
            labels: {app: ratings, version: v1, topology.istio.io/network: vpc-1}
            network: vpc-1
            locality: us-central1/us-central1-a/rack-7
            weight: 10
            serviceAccount: ratings-vm
            """));
    }

    [Fact]
    public void WorkloadGroup_CompleteExample_LoadsClean()
    {
        // WorkloadGroup has no validator registered (KindRegistry); this proves its records are complete.
        foreach (var probe in new[]
        {
            "httpGet:\n    path: /ready\n    port: 8080\n    host: 127.0.0.1\n    scheme: HTTPS\n    httpHeaders:\n    - {name: x-probe, value: \"1\"}",
            "tcpSocket: {host: 127.0.0.1, port: 9090}",
            "exec:\n    command: [/bin/check, --ready]",
            "grpc: {port: 9090, service: ratings.Health}",
        })
        {
            AssertClean(Doc("networking.istio.io/v1", "WorkloadGroup", $"""
                metadata:
                  labels: {"{app: ratings, version: v1}"}
                  annotations: {"{team: reviews}"}
                template:
                  ports: {"{http: 8080}"}
                  network: vpc-1
                  locality: us-central1/us-central1-a
                  weight: 1
                  serviceAccount: ratings-vm
                probe:
                  initialDelaySeconds: 5
                  timeoutSeconds: 2
                  periodSeconds: 10
                  successThreshold: 1
                  failureThreshold: 3
                  {probe}
                """));
        }
    }

    [Fact]
    public void WorkloadGroup_template_is_required()
    {
        AssertReported(Doc("networking.istio.io/v1", "WorkloadGroup", """
            metadata: # <-
              labels: {app: ratings}
            """), "spec.template is required");
    }
}
