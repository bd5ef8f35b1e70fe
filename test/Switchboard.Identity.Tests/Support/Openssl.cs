using System.Diagnostics;

namespace Switchboard.Identity.Tests.Support;

/// <summary>Runs the real openssl command line: the interoperability oracle for what this CA writes and reads.</summary>
internal static class Openssl
{
    public static (int Exit, string Output) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    /// <summary>Runs openssl and fails the test with its output if it does not succeed.</summary>
    public static string Ok(string workingDirectory, params string[] args)
    {
        var (exit, output) = Run(workingDirectory, args);
        Assert.True(exit == 0, $"openssl {string.Join(' ', args)} failed ({exit}):\n{output}");
        return output;
    }
}
