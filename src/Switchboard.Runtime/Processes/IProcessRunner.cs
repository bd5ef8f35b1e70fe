namespace Switchboard.Runtime.Processes;

/// <summary>Runs an external program to completion; the one seam through which the runtime touches <c>ip</c>, <c>iptables-restore</c> and friends.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs <paramref name="command"/>, feeding it its standard input, and returns its exit code and output whatever the exit code.
    /// Throws <see cref="ProcessFailedException"/> only when the program cannot be started.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessCommand command, CancellationToken cancellationToken = default);
}
