using Switchboard.Cli.Logs;

namespace Switchboard.Cli.Tests.Logs;

/// <summary><c>sbctl logs -f</c> on a temporary state directory, with a writer appending as a supervised app would.</summary>
public sealed class LogFollowerTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("sb-logs-");
    private readonly string _pod;
    private readonly string _log;

    public LogFollowerTests()
    {
        _pod = Directory.CreateDirectory(Path.Combine(_state.FullName, "pods", "api-0a1b2c3d4e-bcdfg")).FullName;
        _log = Path.Combine(_pod, "api.log");
        File.WriteAllText(_log, "api v1 serving on :8080\n");
    }

    public void Dispose()
    {
        if (_state.Exists) _state.Delete(recursive: true);
    }

    /// <summary>A writer others may read while the follower writes to it.</summary>
    private sealed class SharedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate) base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate) base.Write(buffer, index, count);
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            lock (_gate) base.Write(buffer.Span);
            return Task.CompletedTask;
        }

        public override string ToString()
        {
            lock (_gate) return base.ToString();
        }
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        return condition();
    }

    private void Append(string text)
    {
        using var writer = new StreamWriter(_log, append: true);
        writer.Write(text);
    }

    [Fact]
    public async Task It_prints_what_is_there_then_what_is_appended_until_cancelled()
    {
        var output = new SharedWriter();
        using var cancel = new CancellationTokenSource();
        var following = new LogFollower(TimeProvider.System, TimeSpan.FromMilliseconds(10)).FollowAsync(_log, _pod, output, cancel.Token);
        Assert.True(await Eventually(() => output.ToString() == "api v1 serving on :8080\n"), output.ToString());
        for (var i = 1; i <= 5; i++)
        {
            Append($"request {i}\n");
            var expected = $"request {i}\n";
            Assert.True(await Eventually(() => output.ToString().EndsWith(expected, StringComparison.Ordinal)), output.ToString());
        }
        Assert.False(following.IsCompleted);
        await cancel.CancelAsync();
        await following.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("api v1 serving on :8080\nrequest 1\nrequest 2\nrequest 3\nrequest 4\nrequest 5\n", output.ToString());
    }

    [Fact]
    public async Task A_character_split_across_two_appends_comes_out_whole()
    {
        var output = new SharedWriter();
        using var cancel = new CancellationTokenSource();
        var following = new LogFollower(TimeProvider.System, TimeSpan.FromMilliseconds(10)).FollowAsync(_log, _pod, output, cancel.Token);
        var euro = "€"u8.ToArray();
        await using (var stream = new FileStream(_log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            await stream.WriteAsync(euro.AsMemory(0, 1));
            await stream.FlushAsync();
            await Task.Delay(100);
            await stream.WriteAsync(euro.AsMemory(1));
            await stream.WriteAsync("\n"u8.ToArray());
        }
        Assert.True(await Eventually(() => output.ToString().EndsWith("€\n", StringComparison.Ordinal)), output.ToString());
        await cancel.CancelAsync();
        await following;
    }

    [Fact]
    public async Task It_ends_when_the_pod_directory_is_removed()
    {
        var output = new SharedWriter();
        var following = new LogFollower(TimeProvider.System, TimeSpan.FromMilliseconds(10)).FollowAsync(_log, _pod, output, CancellationToken.None);
        Append("last words\n");
        Assert.True(await Eventually(() => output.ToString().EndsWith("last words\n", StringComparison.Ordinal)));
        _state.Delete(recursive: true);
        await following.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_rewritten_file_is_printed_again_from_its_start()
    {
        var output = new SharedWriter();
        using var cancel = new CancellationTokenSource();
        var following = new LogFollower(TimeProvider.System, TimeSpan.FromMilliseconds(10)).FollowAsync(_log, _pod, output, cancel.Token);
        Assert.True(await Eventually(() => output.ToString().Length > 0));
        File.WriteAllText(_log, "new\n");
        Assert.True(await Eventually(() => output.ToString().EndsWith("\nnew\n", StringComparison.Ordinal)), output.ToString());
        await cancel.CancelAsync();
        await following;
    }

    [Fact]
    public async Task Logs_follow_through_the_command_until_the_run_is_removed()
    {
        var command = Task.Run(() => CliRun.Of("logs", "api-0a1b2c3d4e-bcdfg", "-f", "--state", _state.FullName));
        await Task.Delay(500);
        Append("GET / 200\n");
        await Task.Delay(500);
        Assert.False(command.IsCompleted);
        _state.Delete(recursive: true);
        var run = await command.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("api v1 serving on :8080\nGET / 200\n", run.Output);
    }
}
