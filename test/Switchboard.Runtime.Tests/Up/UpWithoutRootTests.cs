using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Tests.Up;

/// <summary>
/// <c>sbctl up</c> run by an ordinary user (nobody, through setpriv) says in one line why it cannot and what to run
/// instead, and makes nothing: no state directory, no bridge.
/// </summary>
public sealed class UpWithoutRootTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-noroot-");
    private readonly ProcessRunner _processes = new();

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Without_root_up_says_why_and_what_to_run_in_one_line_and_makes_nothing()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess) Assert.Fail("this test drops from root to nobody (test.sh runs as root)");
        var state = Path.Combine(_dir.FullName, "state");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(_dir.FullName, (UnixFileMode)0b111_111_111); // nobody may look (and would be refused)
        var sbctl = Path.Combine(AppContext.BaseDirectory, "sbctl.dll");
        var run = await _processes.RunAsync(new ProcessCommand("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", $"HOME={_dir.FullName}",
            "dotnet", sbctl, "up", "examples/payments", "--state", state, "--bridge", "sbnoroot0"));
        Assert.Equal(1, run.ExitCode);
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("error: sbctl up needs root to make network namespaces, iptables rules and app users: run sudo ./sbctl up examples/payments", Assert.Single(lines));
        Assert.Empty(run.StandardOutput);
        Assert.False(Directory.Exists(state));
        Assert.NotEqual(0, (await _processes.RunAsync(new ProcessCommand("ip", "link", "show", "sbnoroot0"))).ExitCode);
    }
}
