using Switchboard.Runtime.Processes;

namespace Switchboard.Runtime.Tests.Processes;

/// <summary>The real <see cref="ProcessRunner"/> against small POSIX programs every Linux machine has.</summary>
public sealed class ProcessRunnerTests
{
    private static CancellationToken Token => CancellationToken.None;

    [Fact]
    public async Task FeedsStdinAndCapturesStdoutStderrAndExitCode()
    {
        var result = await new ProcessRunner().RunAsync(
            new ProcessCommand("sh", ["-c", "cat; echo oops >&2; exit 3"], "line 1\nline 2\n"), Token);
        Assert.Equal((3, "line 1\nline 2\n", "oops\n"), (result.ExitCode, result.StandardOutput, result.StandardError));
        var error = Assert.Throws<ProcessFailedException>(() => result.EnsureSuccess());
        Assert.Equal("'sh -c 'cat; echo oops >&2; exit 3'' exited with code 3: oops", error.Message);
    }

    [Fact]
    public async Task LargeOutputDoesNotDeadlock()
    {
        // More than a pipe buffer (64 KiB) on both streams while stdin is still being written.
        var input = new string('x', 1 << 20);
        var result = await new ProcessRunner().RunAsync(new ProcessCommand("sh", ["-c", "tee /dev/stderr"], input), Token);
        Assert.Equal((input.Length, input.Length), (result.StandardOutput.Length, result.StandardError.Length));
    }

    [Fact]
    public async Task AMissingProgramIsAClearError()
    {
        var error = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            new ProcessRunner().RunAsync(new ProcessCommand("sb-no-such-program", "--version"), Token));
        Assert.StartsWith("could not run 'sb-no-such-program --version': sb-no-such-program: ", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Result);
    }

    [Fact]
    public void CommandLinesAreQuotedForAShell() =>
        Assert.Equal("echo 'a b' 'it'\\''s' '' 10.0.0.0/8", new ProcessCommand("echo", "a b", "it's", "", "10.0.0.0/8").CommandLine);
}
