using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Switchboard.Proxy.Tests.Gateway;

/// <summary>The real proxy executable in the gateway role, static mode, with its access log (stdout) kept for assertions.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private GatewayProcess(Process process, int admin)
    {
        _process = process;
        Admin = admin;
    }

    public int Admin { get; }
    public int ProcessId => _process.Id;
    public IEnumerable<string> AccessLog => _log;

    public static async Task<GatewayProcess> StartAsync(string configDirectory, string workload, IEnumerable<int> ports)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        string[] args = [Path.Combine(AppContext.BaseDirectory, "switchboard-proxy.dll"), "--config", configDirectory, "--workload", workload, "--role", "gateway",
            "--outbound-port", "0", "--admin-port", "0", "--ready-port", "0", "--metrics-port", "0", .. ports.SelectMany(p => new[] { "--gateway-port", p.ToString() })];
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var log = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) log.Enqueue(line); };
        process.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var said = new List<string>();
        while (true)
        {
            var line = await process.StandardError.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("the gateway exited before it was ready:\n" + string.Join("\n", said));
            said.Add(line);
            var ready = Regex.Match(line, @" admin=http://[^:]+:(\d+)");
            if (!ready.Success) continue;
            _ = process.StandardError.ReadToEndAsync();
            var gateway = new GatewayProcess(process, int.Parse(ready.Groups[1].Value));
            foreach (var l in log) gateway._log.Enqueue(l);
            process.OutputDataReceived += (_, e) => { if (e.Data is { } more) gateway._log.Enqueue(more); };
            return gateway;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>curl and openssl s_client from the host, as an external client of the gateway.</summary>
public static class EdgeClient
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, string? input = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await output, await error);
    }

    public static Task<Result> Curl(params string[] args) => RunAsync("curl", ["-s", "--max-time", "10", .. args]);

    /// <summary>The certificate the server presents for <paramref name="serverName"/>, as <c>openssl x509 -text</c> would describe it (subject and serial).</summary>
    public static async Task<string> PeerCertificate(int port, string serverName)
    {
        var hello = await RunAsync("openssl", ["s_client", "-connect", $"127.0.0.1:{port}", "-servername", serverName, "-showcerts"], input: "");
        var pem = Regex.Match(hello.Output, "-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", RegexOptions.Singleline);
        if (!pem.Success) return "";
        var text = await RunAsync("openssl", ["x509", "-noout", "-subject", "-serial"], input: pem.Value);
        return text.Output;
    }
}
