namespace Switchboard.Runtime.Processes;

/// <summary>A program could not be started, or exited non-zero when success was required; the message says which and why.</summary>
public sealed class ProcessFailedException : Exception
{
    public ProcessFailedException(ProcessResult result)
        : base($"'{result.Command.CommandLine}' exited with code {result.ExitCode}: {Summary(result)}")
    {
        Result = result;
    }

    public ProcessFailedException(ProcessCommand command, Exception inner)
        : base($"could not run '{command.CommandLine}': {command.FileName}: {inner.Message}", inner)
    {
    }

    /// <summary>The finished process; null when it never started.</summary>
    public ProcessResult? Result { get; }

    private static string Summary(ProcessResult result)
    {
        var text = (result.StandardError.Trim() is { Length: > 0 } error ? error : result.StandardOutput.Trim());
        return text.Length == 0 ? "(no output)" : text;
    }
}
