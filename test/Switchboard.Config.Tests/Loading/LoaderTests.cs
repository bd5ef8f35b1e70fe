using Switchboard.Config.Kubernetes;
using Switchboard.Config.Loading;
using Switchboard.Config.Networking;
using Switchboard.Config.Source;

namespace Switchboard.Config.Tests.Loading;

/// <summary>Loading good config: formats, locations, kinds, versions, strictness.</summary>
public class LoaderTests
{
    private static LoadResult Load(string yaml) => new ConfigLoader().LoadText(yaml, "t.yaml");

    [Fact]
    public void Keeps_file_and_line_of_every_field()
    {
        var result = Load("""
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata:
              name: reviews
            spec:
              hosts:
              - reviews
              http:
              - route:
                - destination:
                    host: reviews
                    subset: v1
            """);
        var vs = Assert.IsType<Resource<VirtualServiceSpec>>(Assert.Single(result.Resources));
        Assert.Empty(result.Problems);
        Assert.Equal("default", vs.Namespace);
        Assert.Equal(new SourceLocation("t.yaml", 12, 9), vs.Locate("spec.http[0].route[0].destination.subset"));
        Assert.Equal(7, vs.Locate("spec.hosts[0]").Line);
        // An unknown path falls back to its nearest located ancestor.
        Assert.Equal(10, vs.Locate("spec.http[0].route[0].destination.port.number").Line);
    }

    [Theory]
    [InlineData("networking.istio.io/v1alpha3")]
    [InlineData("networking.istio.io/v1beta1")]
    [InlineData("networking.istio.io/v1")]
    public void Every_served_version_loads(string apiVersion)
    {
        var result = Load($"apiVersion: {apiVersion}\nkind: VirtualService\nmetadata: {{name: a}}\nspec: {{hosts: [a], http: [{{route: [{{destination: {{host: a}}}}]}}]}}\n");
        Assert.Single(result.Resources);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Unserved_version_is_an_error_naming_the_served_ones()
    {
        var result = Load("apiVersion: security.istio.io/v1alpha1\nkind: PeerAuthentication\nmetadata: {name: a}\nspec: {}\n");
        var problem = Assert.Single(result.Problems);
        Assert.Contains("security.istio.io/v1beta1", problem.Message);
        Assert.Equal(1, problem.Location.Line);
    }

    [Fact]
    public void Misspelled_istio_kind_gets_a_suggestion()
    {
        var problem = Assert.Single(Load("apiVersion: networking.istio.io/v1\nkind: VirtualServce\nmetadata: {name: a}\n").Problems);
        Assert.Contains("did you mean \"VirtualService\"", problem.Message);
        Assert.Equal(2, problem.Location.Line);
    }

    [Fact]
    public void Other_tools_resources_are_ignored_silently()
    {
        var result = Load("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: a}\nrules: []\n");
        Assert.Empty(result.Resources);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void EnvoyFilter_is_known_but_unsupported()
    {
        var problem = Assert.Single(Load("apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: a}\nspec: {}\n").Problems);
        Assert.Equal(ProblemKind.SchemaWarning, problem.Kind);
    }

    [Fact]
    public void Unknown_top_level_field_is_an_error_with_suggestion()
    {
        var problem = Assert.Single(Load("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspce: {}\n").Problems);
        Assert.Contains("did you mean \"spec\"", problem.Message);
        Assert.Equal(4, problem.Location.Line);
    }

    [Fact]
    public void Kubectl_list_output_loads_each_item()
    {
        var result = Load("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: a, namespace: x}
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: b, namespace: x}
            """);
        Assert.Equal(["a", "b"], result.Resources.Select(r => r.Name));
    }

    [Fact]
    public void Json_files_load_with_line_numbers()
    {
        var dir = Directory.CreateTempSubdirectory("sb-json-");
        try
        {
            var file = Path.Combine(dir.FullName, "svc.json");
            File.WriteAllText(file, "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Service\",\n\t\"metadata\": {\"name\": \"web\", \"namespace\": \"shop\"},\n\t\"spec\": {\"ports\": [{\"name\": \"http\", \"port\": 80, \"bogus\": 1}]}\n}\n");
            var result = new ConfigLoader().Load([dir.FullName]);
            var svc = Assert.IsType<Resource<ServiceSpec>>(Assert.Single(result.Resources));
            Assert.Equal(80, svc.Spec.Ports[0].Port);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(5, problem.Location.Line);
            Assert.Contains("bogus", problem.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Directories_are_read_recursively_in_order_skipping_hidden_and_other_files()
    {
        var dir = Directory.CreateTempSubdirectory("sb-tree-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "b", "c"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, ".git"));
            File.WriteAllText(Path.Combine(dir.FullName, "b", "c", "two.yml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: two}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "a.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: one}\n");
            File.WriteAllText(Path.Combine(dir.FullName, ".git", "x.yaml"), "not: loaded\n");
            File.WriteAllText(Path.Combine(dir.FullName, "README.md"), "# not config\n");
            var result = new ConfigLoader().Load([dir.FullName]);
            Assert.Equal(["one", "two"], result.Resources.Select(r => r.Name));
            Assert.Empty(result.Problems);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Wrong_types_are_located_errors_and_loading_goes_on()
    {
        var result = Load("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels:
                version: 2
            spec:
              ports:
              - name: http
                port: eighty
              - name: grpc
                port: 99999999999
            """);
        Assert.Single(result.Resources);
        Assert.Collection(result.Problems.OrderBy(p => p.Location.Line),
            p => { Assert.Equal(6, p.Location.Line); Assert.Contains("metadata.labels[version]: expected a string", p.Message); },
            p => { Assert.Equal(10, p.Location.Line); Assert.Contains("spec.ports[0].port: expected an integer", p.Message); },
            p => { Assert.Equal(12, p.Location.Line); Assert.Contains("out of range", p.Message); });
    }

    [Fact]
    public void Duplicate_keys_are_reported()
    {
        var problem = Assert.Single(Load("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  name: b\n").Problems);
        Assert.Contains("duplicate key \"name\"", problem.Message);
        Assert.Equal(5, problem.Location.Line);
    }

    [Fact]
    public void Merge_keys_and_anchors_work_as_in_kubernetes()
    {
        var result = Load("""
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: a
              labels: &common
                team: payments
                tier: backend
              annotations:
                <<: *common
                tier: frontend
            """);
        Assert.Empty(result.Problems);
        var sa = Assert.Single(result.Resources);
        Assert.Equal("frontend", sa.Annotations["tier"]);
        Assert.Equal("payments", sa.Annotations["team"]);
    }

    [Fact]
    public void Missing_name_is_an_error()
    {
        var problem = Assert.Single(Load("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  namespace: x\n").Problems);
        Assert.Contains("metadata.name is required", problem.Message);
    }
}

/// <summary>Null values: empty in label maps (as Kubernetes), an error where they would widen a match.</summary>
public class NullValueTests
{
    [Fact]
    public void Null_header_match_is_an_error_not_a_silent_wildcard()
    {
        var result = new ConfigLoader().LoadText("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: a}
            spec:
              hosts: [a]
              http:
              - match:
                - headers:
                    x-debug:
                route:
                - destination: {host: a}
            """, "t.yaml");
        var problem = Assert.Single(result.Problems, p => p.Message.Contains("headers[x-debug]: value is null"));
        Assert.Equal(9, problem.Location.Line);
    }

    [Fact]
    public void Null_label_value_is_the_empty_string()
    {
        var result = new ConfigLoader().LoadText("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  labels:\n    flag:\n", "t.yaml");
        Assert.Empty(result.Problems);
        Assert.Equal("", Assert.Single(result.Resources).Labels["flag"]);
    }
}

/// <summary>The seed article's own DestinationRule, with its misspelled fields, as a user would paste it.</summary>
public class SeedMisspellingTests
{
    [Fact]
    public void Seed_field_names_are_rejected_with_the_right_suggestion_and_line()
    {
        var result = new ConfigLoader().LoadText("""
            apiVersion: networking.istio.io/v1beta1
            kind: DestinationRule
            metadata:
              name: payment-service-destination
              namespace: production
            spec:
              host: payment-service
              trafficPolicy:
                connectionPool:
                  tcp:
                    maxConnections: 100
                  http:
                    http2MaxRequests: 1000
                    pendingRequests: 50
                    requestsPerConnection: 10
            """, "payment-traffic-policy.yaml");
        Assert.Collection(result.Problems.OrderBy(p => p.Location.Line),
            p =>
            {
                Assert.Equal(14, p.Location.Line);
                Assert.Equal("unknown field \"pendingRequests\" in spec.trafficPolicy.connectionPool.http; did you mean \"http1MaxPendingRequests\"?", p.Message);
            },
            p =>
            {
                Assert.Equal(15, p.Location.Line);
                Assert.Equal("unknown field \"requestsPerConnection\" in spec.trafficPolicy.connectionPool.http; did you mean \"maxRequestsPerConnection\"?", p.Message);
            });
        Assert.All(result.Problems, p => Assert.Equal(new ResourceKey("DestinationRule", "production", "payment-service-destination"), p.Resource));
    }
}
