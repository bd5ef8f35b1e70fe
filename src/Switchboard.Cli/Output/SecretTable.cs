using System.Text.Json;

namespace Switchboard.Cli.Output;

/// <summary>istioctl proxy-config secret's table over a proxy's <c>/certs</c>: the workload certificate, then each trusted root.</summary>
public static class SecretTable
{
    public static void Write(TextWriter output, JsonElement certs)
    {
        var rows = new List<string[]> { new[] { "RESOURCE NAME", "TYPE", "STATUS", "VALID CERT", "SERIAL NUMBER", "NOT AFTER", "NOT BEFORE", "IDENTITY / FINGERPRINT" } };
        var list = certs.TryGetProperty("certificates", out var c) ? c.EnumerateArray().ToList() : [];
        foreach (var cert in list)
        {
            var state = Text(cert, "state");
            rows.Add(["default", "Cert Chain", state, state == "ACTIVE" ? "true" : "false", Text(cert, "serialNumber"), Text(cert, "notAfter"), Text(cert, "notBefore"), Text(cert, "spiffeId")]);
            foreach (var root in cert.TryGetProperty("rootFingerprints", out var roots) ? roots.EnumerateArray() : default)
                rows.Add(["ROOTCA", "CA", "ACTIVE", "true", "-", "-", "-", "sha256:" + root.GetString()]);
            output.WriteLine($"issuer: {Text(cert, "issuer")}");
        }
        // A gateway's TLS credentials (credentialName), as istioctl lists them: kubernetes://NAME.
        var problems = new List<string>();
        foreach (var credential in certs.TryGetProperty("credentials", out var g) ? g.EnumerateArray() : default)
        {
            var state = Text(credential, "state");
            var name = Text(credential, "name");
            var resource = name.StartsWith("file:", StringComparison.Ordinal) ? name : "kubernetes://" + name[(name.IndexOf('/') + 1)..];
            var names = credential.TryGetProperty("subjectAltNames", out var sans) ? string.Join(",", sans.EnumerateArray().Select(s => s.GetString())) : "";
            rows.Add([resource, "Cert Chain", state, state == "ACTIVE" ? "true" : "false", Text(credential, "serialNumber"), Text(credential, "notAfter"), Text(credential, "notBefore"), names]);
            if (credential.TryGetProperty("error", out var error)) problems.Add($"{resource}: {error.GetString()}");
        }
        if (rows.Count == 1)
        {
            output.WriteLine("no workload certificate: the proxy runs without a CA (static mode, or no --ca)");
            return;
        }
        TextTable.Write(output, rows, gap: 5);
        foreach (var problem in problems) output.WriteLine($"error: {problem}");
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.ToString() : "";
}
