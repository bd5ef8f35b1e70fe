using System.Collections.Concurrent;

namespace Switchboard.Proxy.Telemetry;

/// <summary>
/// The files <c>envoyFileAccessLog</c> providers write to, opened once each (append, shared read) and kept for the
/// proxy's life; a file that cannot be opened is reported once on stderr and logs nothing, never failing a request.
/// </summary>
internal sealed class AccessLogFiles
{
    private readonly ConcurrentDictionary<string, TextWriter> _writers = new(StringComparer.Ordinal);

    public TextWriter For(string path) => _writers.GetOrAdd(path, static p =>
    {
        try
        {
            var stream = new FileStream(p, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            return TextWriter.Synchronized(new StreamWriter(stream) { AutoFlush = true });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"access log {p}: {ex.Message}; lines for it are dropped");
            return TextWriter.Null;
        }
    });
}
