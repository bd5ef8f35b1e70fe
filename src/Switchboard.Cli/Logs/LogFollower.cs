using System.Text;

namespace Switchboard.Cli.Logs;

/// <summary>
/// <c>sbctl logs -f</c>: prints a log file, then whatever is appended to it, polling every <paramref name="poll"/>, until
/// cancelled (Ctrl-C) or until the pod's directory is gone (its run's state was removed: nothing more will come). A file
/// that shrinks was rewritten, and is printed again from its start, as <c>tail -F</c> does. Polling, not a file-system
/// watcher: it sees appends by any process, on any file system, and time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class LogFollower(TimeProvider time, TimeSpan poll)
{
    public async Task FollowAsync(string file, string podDirectory, TextWriter output, CancellationToken token)
    {
        // Shared for writing (the supervisor appends) and for deletion (down removes the state while we read).
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[8192];
        try
        {
            while (true)
            {
                if (stream.Length < stream.Position)
                {
                    stream.Position = 0;
                    reader.DiscardBufferedData();
                }
                // A reader at the end of a file reads again on the next call, so this picks up what was appended since;
                // its decoder keeps a character split across two appends whole.
                int read;
                while ((read = await reader.ReadAsync(buffer, token)) > 0) await output.WriteAsync(buffer.AsMemory(0, read), token);
                await output.FlushAsync(token);
                if (!Directory.Exists(podDirectory)) return;
                await Task.Delay(poll, time, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ctrl-C: the normal end of following.
        }
    }
}
