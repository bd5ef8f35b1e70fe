using System.Text.Json;
using Switchboard.Cli.Output;

namespace Switchboard.Cli.Tests.Output;

/// <summary>proxy-config secret's table: a gateway's credentials as istioctl names them, and why one is unusable.</summary>
public sealed class SecretTableTests
{
    [Fact]
    public void Gateway_credentials_are_rows_and_their_errors_are_spelled_out()
    {
        const string certs = """
            {"certificates":[],"credentials":[
              {"name":"istio-system/payment-tls-cert","version":"3c4a","state":"ACTIVE","serialNumber":"0a1b","notBefore":"2026-11-26T00:00:00Z","notAfter":"2026-12-26T00:00:00Z","subject":"CN=api.example.com","subjectAltNames":["DNS:api.example.com"],"clientCa":false},
              {"name":"istio-system/partner-cert","version":"absent","state":"ERROR","error":"secret istio-system/partner-cert not found (gateway credentials are read from the gateway workload's namespace)"}]}
            """;
        var output = new StringWriter();
        using var doc = JsonDocument.Parse(certs);
        SecretTable.Write(output, doc.RootElement);
        var text = output.ToString();
        Assert.Matches(@"kubernetes://payment-tls-cert\s+Cert Chain\s+ACTIVE\s+true\s+0a1b\s+2026-12-26T00:00:00Z\s+2026-11-26T00:00:00Z\s+DNS:api.example.com", text);
        Assert.Matches(@"kubernetes://partner-cert\s+Cert Chain\s+ERROR\s+false", text);
        Assert.Contains("error: kubernetes://partner-cert: secret istio-system/partner-cert not found", text);
        Assert.DoesNotContain("no workload certificate", text);
    }
}
