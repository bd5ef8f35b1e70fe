using System.ComponentModel;
using System.Diagnostics;

namespace Switchboard.Runtime.Processes;

/// <summary>
/// Keeps one long-running program alive, as the kubelet does a container: started, restarted with exponential backoff
/// (Kubernetes' 10 s doubling to 5 min, scaled here by <see cref="SupervisorOptions"/>) whenever it exits while wanted,
/// and stopped on request with SIGTERM, then SIGKILL after a grace period. Its output goes to a log file (appended across
/// restarts), never to the runtime's own terminal. Time and delays come from <see cref="TimeProvider"/>.
/// </summary>
public sealed class Supervisor : IAsyncDisposable
{
    private readonly ProcessCommand _command;
    private readonly string _log;
    private readonly SupervisorOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private Process? _current;
    private int _restarts;

    public Supervisor(ProcessCommand command, string logFile, SupervisorOptions? options = null, TimeProvider? time = null)
    {
        _command = command;
        _log = logFile;
        _options = options ?? new SupervisorOptions();
        _time = time ?? TimeProvider.System;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many times the program was restarted after exiting.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The running process's id, or null between runs.</summary>
    public int? Pid => _current is { HasExited: false } p ? p.Id : null;

    /// <summary>Stops the program: SIGTERM, then SIGKILL once <see cref="SupervisorOptions.Grace"/> has passed; no restart after.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task RunAsync()
    {
        var backoff = _options.InitialBackoff;
        while (!_stop.IsCancellationRequested)
        {
            var started = _time.GetTimestamp();
            var (process, log) = Start();
            if (process is null) log.Dispose();
            else
            {
                _current = process;
                try
                {
                    await process.WaitForExitAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    await TerminateAsync(process);
                    return;
                }
                finally
                {
                    _current = null;
                    // Exited: wait for the output pipes to drain before closing the log they write to.
                    process.WaitForExit();
                    log.Dispose();
                    process.Dispose();
                }
                // A run that lasted resets the backoff, as the kubelet does after 10 minutes of running.
                if (_time.GetElapsedTime(started) >= _options.ResetAfter) backoff = _options.InitialBackoff;
            }
            try
            {
                await Task.Delay(backoff, _time, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref _restarts);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private (Process? Process, TextWriter Log) Start()
    {
        var info = new ProcessStartInfo(_command.FileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in _command.Arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var log = TextWriter.Synchronized(new StreamWriter(_log, append: true) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            log.WriteLine($"supervisor: cannot start {_command.CommandLine}: {e.Message}");
            process.Dispose();
            return (null, log);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    private async Task TerminateAsync(Process process)
    {
        if (process.HasExited) return;
        // SIGTERM first: the program may drain (a sidecar finishing its in-flight requests, an app closing cleanly).
        _ = Kill(process.Id, 15);
        using var grace = new CancellationTokenSource(_options.Grace, _time);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>Restart backoff and stop grace for a <see cref="Supervisor"/> (Kubernetes' numbers by default).</summary>
public sealed record SupervisorOptions
{
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan ResetAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>terminationGracePeriodSeconds: 30 s.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(30);
}
