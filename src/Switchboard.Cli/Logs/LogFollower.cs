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
        // Our own decoder, never flushed: a StreamReader flushes at end of file, which would print half of a character
        // the writer has not finished as U+FFFD; this one keeps the half until the rest is appended.
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[8192];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        try
        {
            while (true)
            {
                if (stream.Length < stream.Position)
                {
                    stream.Position = 0;
                    decoder.Reset();
                }
                int read;
                while ((read = await stream.ReadAsync(bytes, token)) > 0)
                    await output.WriteAsync(chars.AsMemory(0, decoder.GetChars(bytes, 0, read, chars, 0, flush: false)), token);
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
