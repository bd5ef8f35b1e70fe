using System.Diagnostics;

namespace Switchboard.Proxy.Tests.Gateway;

/// <summary>
/// Certificates made by real openssl, as a user makes them for a gateway: a CA, and server or client certificates it
/// signs (ECDSA P-256, with the names as SANs). Files live in one temporary directory per instance.
/// </summary>
public sealed class OpenSslPki(string directory)
{
    public string Directory { get; } = directory;

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>A self-signed CA: NAME.crt and NAME.key.</summary>
    public async Task CaAsync(string name) =>
        await RunAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", $"/CN={name}",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout", PathOf(name + ".key"), "-out", PathOf(name + ".crt"));

    /// <summary>A certificate for <paramref name="cn"/> signed by <paramref name="ca"/>: FILE.crt and FILE.key (server or client use).</summary>
    public async Task IssueAsync(string ca, string file, string cn, bool client = false)
    {
        await RunAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", $"/CN={cn}",
            "-addext", $"subjectAltName=DNS:{cn}", "-addext", $"extendedKeyUsage={(client ? "clientAuth" : "serverAuth")}",
            "-keyout", PathOf(file + ".key"), "-out", PathOf(file + ".csr"));
        await RunAsync("x509", "-req", "-in", PathOf(file + ".csr"), "-CA", PathOf(ca + ".crt"), "-CAkey", PathOf(ca + ".key"), "-CAcreateserial",
            "-days", "2", "-copy_extensions", "copy", "-out", PathOf(file + ".crt"));
    }

    /// <summary>The base64 of a file, for a Secret's data.</summary>
    public string Base64(string file) => Convert.ToBase64String(File.ReadAllBytes(PathOf(file)));

    /// <summary>A kubernetes.io/tls Secret holding FILE.crt/FILE.key (and the CA, for MUTUAL).</summary>
    public string Secret(string ns, string name, string file, string? ca = null) =>
        $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: {ns}\ntype: kubernetes.io/tls\ndata:\n"
        + $"  tls.crt: {Base64(file + ".crt")}\n  tls.key: {Base64(file + ".key")}\n" + (ca is null ? "" : $"  ca.crt: {Base64(ca + ".crt")}\n");

    private static async Task RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', args)}: {error}");
    }
}
