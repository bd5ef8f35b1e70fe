using System.Diagnostics;
using System.Text.Json;

namespace Switchboard.Cli.Tests;

/// <summary><c>sbctl analyze</c>: output formats, thresholds, exit codes (istioctl's 0 / 79 / 65 / 64).</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string MissingSubset = """
        apiVersion: v1
        kind: Service
        metadata: {name: payment-service, namespace: production}
        spec:
          selector: {app: payment-service}
          ports: [{name: http, port: 8080}]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: payment-service-destination, namespace: production}
        spec:
          host: payment-service
          subsets:
          - name: stable
            labels: {version: v1}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: payment-service-routing, namespace: production}
        spec:
          hosts: [payment-service]
          http:
          - route:
            - destination:
                host: payment-service
                subset: v2-canary
        """;

    [Fact]
    public void Clean_config_says_so_and_exits_zero()
    {
        var run = CliRun.Of("analyze", CliRun.Repo("examples", "payments"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\u2714 No validation issues found when analyzing all namespaces.", run.Output);
    }

    [Fact]
    public void Namespace_flag_names_the_namespace_in_the_verdict()
    {
        var run = CliRun.Of("analyze", "-n", "production", CliRun.Repo("examples", "payments"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\u2714 No validation issues found when analyzing namespace: production.", run.Output);
    }

    [Fact]
    public void Error_prints_istioctl_line_and_exits_79()
    {
        var file = Write("payment.yaml", MissingSubset);
        var run = CliRun.Of("analyze", file);
        Assert.Equal(79, run.ExitCode);
        Assert.Contains($"Error [IST0101] (VirtualService production/payment-service-routing {file}:26) Referenced host+subset in destinationrule not found: \"payment-service+v2-canary\"", run.Output);
        Assert.Contains("Error: Analyzers found issues when analyzing namespace: production.", run.Error);
    }

    [Fact]
    public void Failure_threshold_decides_the_exit_code()
    {
        var file = Write("payment.yaml", MissingSubset);
        Assert.Equal(0, CliRun.Of("analyze", "--failure-threshold", "Error", "-S", "IST0101=VirtualService *", file).ExitCode);
        var weights = Write("weights.yaml", MissingSubset.Replace("subset: v2-canary", "subset: stable\n      weight: 90\n    - destination: {host: payment-service, subset: stable}\n      weight: 5"));
        Assert.Equal(0, CliRun.Of("analyze", weights).ExitCode);
        Assert.Equal(79, CliRun.Of("analyze", "--failure-threshold", "Info", weights).ExitCode);
    }

    [Fact]
    public void Output_threshold_hides_lower_levels_but_not_the_failure()
    {
        var weights = Write("weights.yaml", MissingSubset.Replace("subset: v2-canary", "subset: stable\n      weight: 90\n    - destination: {host: payment-service, subset: stable}\n      weight: 5"));
        var shown = CliRun.Of("analyze", weights);
        Assert.Contains("Info [SB0001]", shown.Output);
        var hidden = CliRun.Of("analyze", "--output-threshold", "Warning", weights);
        Assert.DoesNotContain("SB0001", hidden.Output);
        Assert.Contains("\u2714", hidden.Output);
    }

    [Fact]
    public void Json_output_has_every_field()
    {
        var file = Write("payment.yaml", MissingSubset);
        var run = CliRun.Of("analyze", "-o", "json", file);
        Assert.Equal(79, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var message = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("IST0101", message.GetProperty("code").GetString());
        Assert.Equal("Error", message.GetProperty("level").GetString());
        Assert.Equal("VirtualService production/payment-service-routing", message.GetProperty("origin").GetString());
        Assert.Equal("VirtualService", message.GetProperty("kind").GetString());
        Assert.Equal("production", message.GetProperty("namespace").GetString());
        Assert.Equal("payment-service-routing", message.GetProperty("name").GetString());
        Assert.Equal(file, message.GetProperty("file").GetString());
        Assert.Equal(26, message.GetProperty("line").GetInt32());
        Assert.Equal("docs/analysis/IST0101.md", message.GetProperty("documentationUrl").GetString());
        Assert.StartsWith("Referenced host+subset", message.GetProperty("message").GetString());
    }

    [Fact]
    public void Yaml_output_is_a_sequence_of_messages()
    {
        var file = Write("payment.yaml", MissingSubset);
        var run = CliRun.Of("analyze", "-o", "yaml", file);
        Assert.Contains("- code: \"IST0101\"", run.Output);
        Assert.Contains("  line: 26", run.Output);
        Assert.Contains("  origin: \"VirtualService production/payment-service-routing\"", run.Output);
    }

    [Fact]
    public void Unparseable_input_exits_65_and_still_reports_the_rest()
    {
        Write("payment.yaml", MissingSubset);
        Write("broken.yaml", "kind: [\n");
        var run = CliRun.Of("analyze", _dir.FullName);
        Assert.Equal(65, run.ExitCode);
        Assert.Contains("broken.yaml:", run.Output);
        Assert.Contains("IST0101", run.Output);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("analyze", "--output", "xml", "x.yaml")]
    [InlineData("analyze", "--failure-threshold", "Fatal", "x.yaml")]
    [InlineData("analyze", "--no-such-flag", "x.yaml")]
    [InlineData("analyze", "-S", "IST0101", "x.yaml")]
    public void Usage_errors_exit_64(params string[] args)
    {
        Write("x.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n");
        var fixedArgs = args.Select(a => a == "x.yaml" ? Path.Combine(_dir.FullName, a) : a).ToArray();
        var run = CliRun.Of(fixedArgs);
        Assert.Equal(64, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public void List_analyzers_names_each_with_description()
    {
        var run = CliRun.Of("analyze", "-L");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("* virtualservice.DestinationRuleAnalyzer:", run.Output);
        Assert.Contains("* destinationrule.PodNotSelectedAnalyzer:", run.Output);
    }

    [Fact]
    public void Real_process_runs_the_seed_incident_end_to_end()
    {
        // The built sbctl, as a user runs it: a separate process, real exit code, real stdout.
        var dll = Path.Combine(AppContext.BaseDirectory, "sbctl.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "analyze", CliRun.Repo("examples", "incidents", "subset-v2-canary") }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(79, process.ExitCode);
        Assert.Contains("Referenced host+subset in destinationrule not found: \"payment-service+v2-canary\"", stdout);
    }
}
