using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>An <see cref="IProcessRunner"/> that records commands instead of running them, answering with a chosen exit code.</summary>
internal sealed class RecordingProcessRunner(int exitCode = 0, string stderr = "") : IProcessRunner
{
    public List<ProcessCommand> Commands { get; } = [];

    public Task<ProcessResult> RunAsync(ProcessCommand command, CancellationToken cancellationToken = default)
    {
        Commands.Add(command);
        return Task.FromResult(new ProcessResult(command, exitCode, "", stderr));
    }
}
