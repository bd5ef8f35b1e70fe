using Switchboard.Cli.SampleApp;

namespace Switchboard.Cli.Tests.SampleApp;

public sealed class SampleAppSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Defaults_answer_normally_at_once()
    {
        var (settings, errors) = SampleAppSettings.Resolve("api", "v1", null, null, null, Env());
        Assert.Empty(errors);
        Assert.Equal(new SampleAppSettings("api", "v1", "", 0, 500, TimeSpan.Zero), settings);
        Assert.Equal("api v1", settings!.Identity);
    }

    [Theory]
    [InlineData("api-5d8-x2k4q", "host-1", "api-5d8-x2k4q")]
    [InlineData(null, "host-1", "host-1")]
    [InlineData("", "host-1", "host-1")]
    [InlineData(null, null, "")]
    public void The_pod_is_POD_NAME_else_HOSTNAME(string? podName, string? hostname, string expected)
    {
        var (settings, _) = SampleAppSettings.Resolve("api", "v2", null, null, null, name => name switch { "POD_NAME" => podName, "HOSTNAME" => hostname, _ => null });
        Assert.Equal(expected, settings!.Pod);
        Assert.Equal(expected.Length == 0 ? "api v2" : $"api v2 {expected}", settings.Identity);
    }

    [Fact]
    public void Environment_sets_what_no_flag_does()
    {
        var env = Env(("ERROR_RATE", "0.25"), ("ERROR_CODE", "503"), ("LATENCY", "50ms"));
        var (fromEnv, _) = SampleAppSettings.Resolve("api", "v1", null, null, null, env);
        Assert.Equal((0.25, 503, TimeSpan.FromMilliseconds(50)), (fromEnv!.ErrorRate, fromEnv.ErrorCode, fromEnv.Latency));

        var (fromFlags, _) = SampleAppSettings.Resolve("api", "v1", "0.5", "502", "1s", env);
        Assert.Equal((0.5, 502, TimeSpan.FromSeconds(1)), (fromFlags!.ErrorRate, fromFlags.ErrorCode, fromFlags.Latency));
    }

    [Fact]
    public void Every_bad_value_is_reported()
    {
        var (settings, errors) = SampleAppSettings.Resolve("api", "v1", "1.5", "99", "fast", Env());
        Assert.Null(settings);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("--error-rate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("--error-code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("--latency", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    [InlineData("ten percent")]
    public void An_error_rate_outside_0_to_1_is_refused(string rate) =>
        Assert.Single(SampleAppSettings.Resolve("api", "v1", rate, null, null, Env()).Errors);

    [Theory]
    [InlineData("-5ms")]
    [InlineData("2m")]
    public void A_latency_outside_0_to_1m_is_refused(string latency) =>
        Assert.Single(SampleAppSettings.Resolve("api", "v1", null, null, latency, Env()).Errors);
}
