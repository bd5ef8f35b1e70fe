namespace Switchboard.Runtime.Processes;

/// <summary>How a finished process ended: exit code and everything it wrote.</summary>
public sealed record ProcessResult(ProcessCommand Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>This result, or a <see cref="ProcessFailedException"/> that names the command, the exit code and what it printed on stderr.</summary>
    public ProcessResult EnsureSuccess() => Succeeded ? this : throw new ProcessFailedException(this);
}
