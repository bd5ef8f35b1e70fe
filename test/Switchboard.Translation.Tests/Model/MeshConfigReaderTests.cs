using Switchboard.Config.Loading;
using Switchboard.Model;

namespace Switchboard.Translation.Tests.Model;

/// <summary>MeshConfig read from the istio ConfigMap of the root namespace, as Istio keeps it.</summary>
public class MeshConfigReaderTests
{
    [Fact]
    public void Reads_path_normalization_and_ext_authz_providers()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: istio, namespace: istio-system }
            data:
              mesh: |
                trustDomain: example.org
                pathNormalization:
                  normalization: DECODE_AND_MERGE_SLASHES
                extensionProviders:
                - name: opa
                  envoyExtAuthzHttp: { service: opa.authz.svc.cluster.local, port: 8181, timeout: 2s, includeRequestHeadersInCheck: [authorization] }
                - name: tracer
                  zipkin: { service: zipkin.istio-system.svc.cluster.local, port: 9411 }
            """;
        var options = MeshSnapshot.From(new ConfigLoader().LoadText(yaml, "mesh.yaml").Resources).Options;
        Assert.Equal("cluster.local", options.TrustDomain); // the CA's, set when the control plane starts
        Assert.Equal("DECODE_AND_MERGE_SLASHES", options.PathNormalization);
        var provider = Assert.Single(options.ExtAuthzProviders);
        Assert.Equal(("opa", "opa.authz.svc.cluster.local", 8181, TimeSpan.FromSeconds(2)), (provider.Name, provider.Service, provider.Port, provider.Timeout));
        Assert.Equal(["authorization"], provider.IncludeRequestHeaders);
    }

    [Fact]
    public void Without_a_mesh_config_Istio_defaults_apply()
    {
        var options = MeshSnapshot.From([]).Options;
        Assert.Equal(("cluster.local", "BASE"), (options.TrustDomain, options.PathNormalization));
        Assert.Empty(options.ExtAuthzProviders);
    }
}
