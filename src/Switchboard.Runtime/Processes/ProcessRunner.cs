using System.ComponentModel;
using System.Diagnostics;

namespace Switchboard.Runtime.Processes;

/// <summary>Runs programs with <see cref="Process"/>: arguments as a list (no shell), stdin fed, stdout and stderr captured.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessCommand command, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments) info.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ProcessFailedException(command, e);
        }
        // Read both pipes while writing stdin: a child that fills one pipe while we wait on another would deadlock.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (command.StandardInput is not null) await process.StandardInput.WriteAsync(command.StandardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        catch (IOException)
        {
            // Broken pipe: the child exited before reading all of its stdin; its exit code and stderr say why.
            await process.WaitForExitAsync(cancellationToken);
        }
        return new ProcessResult(command, process.ExitCode, await stdout, await stderr);
    }
}
