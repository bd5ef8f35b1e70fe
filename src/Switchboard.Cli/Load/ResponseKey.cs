using System.Text;

namespace Switchboard.Cli.Load;

/// <summary>
/// What the load report groups answers by: the first two words of the body's first line. The sample workload answers
/// <c>SERVICE VERSION POD</c>, so this is "service version" — a canary's v1/v2 mix shows as two rows however many pods
/// each version has — and an error body groups by its opening ("RBAC: access", "no healthy").
/// </summary>
public static class ResponseKey
{
    /// <summary>How much of a body is read to find its first line; the rest is not needed (and may be large).</summary>
    public const int MaxFirstLine = 4096;

    public const string Empty = "(empty body)";

    /// <summary>The key of a body whose first line is <paramref name="firstLine"/>.</summary>
    public static string Of(string firstLine)
    {
        var words = firstLine.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0 ? Empty : string.Join(' ', words.Take(2));
    }

    /// <summary>The first line of <paramref name="content"/>, reading no more than <see cref="MaxFirstLine"/> bytes.</summary>
    public static async Task<string> ReadFirstLineAsync(HttpContent content, CancellationToken token)
    {
        await using var stream = await content.ReadAsStreamAsync(token);
        var buffer = new byte[MaxFirstLine];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), token);
            if (read == 0) break;
            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newline >= 0)
            {
                length = newline;
                break;
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, length).TrimEnd('\r');
    }
}
