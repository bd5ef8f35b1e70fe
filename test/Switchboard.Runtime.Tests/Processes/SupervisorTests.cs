using System.Diagnostics;
using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Tests.Processes;

/// <summary>A supervised program is restarted with backoff, stopped with SIGTERM, and killed when it ignores SIGTERM.</summary>
public sealed class SupervisorTests : IDisposable
{
    private static readonly SupervisorOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200), Grace = TimeSpan.FromMilliseconds(500) };
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-supervisor-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Log => Path.Combine(_dir.FullName, "app.log");

    [Fact]
    public async Task A_program_that_exits_is_restarted_with_growing_delays()
    {
        await using var supervisor = new Supervisor(new ProcessCommand("sh", "-c", "echo run; exit 3"), Log, Fast);
        var clock = Stopwatch.StartNew();
        while (supervisor.Restarts < 4 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        await supervisor.StopAsync();
        Assert.True(supervisor.Restarts >= 4, $"restarts: {supervisor.Restarts}");
        // 50 + 100 + 200 + 200 ms of backoff at least: not a busy loop.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(500), $"too fast: {clock.Elapsed}");
        Assert.True(File.ReadAllLines(Log).Count(l => l == "run") >= 4);
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_and_the_program_may_finish_cleanly()
    {
        var supervisor = new Supervisor(new ProcessCommand("sh", "-c", "trap 'echo draining; exit 0' TERM; echo up; while true; do sleep 0.05; done"), Log, Fast);
        Assert.True(await WaitFor(() => File.Exists(Log) && File.ReadAllText(Log).Contains("up")), "never started");
        var pid = supervisor.Pid;
        await supervisor.StopAsync();
        Assert.Contains("draining", File.ReadAllText(Log));
        Assert.Equal(0, supervisor.Restarts);
        Assert.False(pid is { } p && Exists(p), "the program is still running");
    }

    [Fact]
    public async Task A_program_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var supervisor = new Supervisor(new ProcessCommand("sh", "-c", "trap '' TERM; echo up; while true; do sleep 0.05; done"), Log, Fast);
        Assert.True(await WaitFor(() => File.Exists(Log) && File.ReadAllText(Log).Contains("up")), "never started");
        var pid = supervisor.Pid;
        var clock = Stopwatch.StartNew();
        await supervisor.StopAsync();
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), "killed before the grace period");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.False(pid is { } p && Exists(p), "the program survived");
    }

    [Fact]
    public async Task Under_restart_policy_Never_a_program_runs_once_and_its_exit_code_is_kept()
    {
        await using var supervisor = new Supervisor(new ProcessCommand("sh", "-c", "echo run; exit 4"), Log, Fast with { RestartPolicy = RestartPolicy.Never });
        await supervisor.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((0, 4, SupervisedState.Terminated), (supervisor.Restarts, supervisor.LastExitCode, supervisor.State));
        Assert.Single(File.ReadAllLines(Log), l => l == "run");
    }

    [Fact]
    public async Task Under_restart_policy_OnFailure_a_failing_program_is_restarted_up_to_the_limit_and_a_succeeding_one_not_at_all()
    {
        await using (var failing = new Supervisor(new ProcessCommand("sh", "-c", "echo run; exit 3"), Log, Fast with { RestartPolicy = RestartPolicy.OnFailure, MaxRestarts = 2 }))
        {
            await failing.Finished.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal((2, 3), (failing.Restarts, failing.LastExitCode));
        }
        await using var succeeding = new Supervisor(new ProcessCommand("sh", "-c", "exit 0"), Log, Fast with { RestartPolicy = RestartPolicy.OnFailure });
        await succeeding.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((0, 0), (succeeding.Restarts, succeeding.LastExitCode));
    }

    [Fact]
    public async Task A_program_waiting_out_its_backoff_says_so()
    {
        await using var supervisor = new Supervisor(new ProcessCommand("sh", "-c", "exit 1"), Log, Fast with { InitialBackoff = TimeSpan.FromSeconds(30) });
        Assert.True(await WaitFor(() => supervisor.State == SupervisedState.Waiting), "never waiting");
        Assert.Null(supervisor.Pid);
    }

    private static bool Exists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<bool> WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition()) return true;
            await Task.Delay(50);
        }
        return false;
    }
}
