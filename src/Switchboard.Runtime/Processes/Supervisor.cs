using System.ComponentModel;
using System.Diagnostics;

namespace Switchboard.Runtime.Processes;

/// <summary>
/// Keeps one program running, as the kubelet does a container: started, restarted with exponential backoff
/// (Kubernetes' 10 s doubling to 5 min, scaled here by <see cref="SupervisorOptions"/>) whenever it exits while wanted
/// — always, only after a failure, or never, as the pod's restartPolicy says — and stopped on request with SIGTERM,
/// then SIGKILL after a grace period. Its output goes to a log file (appended across
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
    private int _exitCode = -1; // none yet (exit codes are 0..255)
    private volatile bool _waiting;

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

    /// <summary>The exit code of the last run, or null before the first run ended.</summary>
    public int? LastExitCode => Volatile.Read(ref _exitCode) is var code && code >= 0 ? code : null;

    /// <summary>Where the program is now: running, waiting out its backoff, or done (stopped, or its restart policy said no more).</summary>
    public SupervisedState State => _loop.IsCompleted ? SupervisedState.Terminated : _waiting ? SupervisedState.Waiting : SupervisedState.Running;

    /// <summary>Completes when the program will not run again: stopped, or ended under a restart policy that does not restart it.</summary>
    public Task Finished => _loop;

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
            if (process is null)
            {
                log.Dispose();
                Volatile.Write(ref _exitCode, 127); // could not start: a failure, as a shell's "command not found"
            }
            else
            {
                _current = process;
                try
                {
                    await process.WaitForExitAsync(_stop.Token);
                    Volatile.Write(ref _exitCode, process.ExitCode);
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
            if (!Restart(Volatile.Read(ref _exitCode))) return;
            _waiting = true;
            try
            {
                await Task.Delay(backoff, _time, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                _waiting = false;
            }
            Interlocked.Increment(ref _restarts);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    /// <summary>Kubernetes' restartPolicy, with a Job's backoffLimit as the most restarts a failing program gets.</summary>
    private bool Restart(int exitCode) => _options.RestartPolicy switch
    {
        RestartPolicy.Never => false,
        RestartPolicy.OnFailure => exitCode != 0 && Restarts < _options.MaxRestarts,
        _ => Restarts < _options.MaxRestarts,
    };

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

    /// <summary>When an exited program runs again (a pod's restartPolicy).</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Always;

    /// <summary>At most this many restarts (a Job's backoffLimit); unlimited by default, as a Deployment's containers.</summary>
    public int MaxRestarts { get; init; } = int.MaxValue;
}

/// <summary>A pod's restartPolicy: Deployments' containers always restart; Jobs' on failure, or never.</summary>
public enum RestartPolicy { Always, OnFailure, Never }

/// <summary>Where a supervised program is: running (or starting), waiting out a restart backoff, or done for good.</summary>
public enum SupervisedState { Running, Waiting, Terminated }
