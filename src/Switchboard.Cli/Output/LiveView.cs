namespace Switchboard.Cli.Output;

/// <summary>
/// A block of text kept current on a writer. On a terminal each new frame replaces the last in place (cursor up over
/// the old lines, erase to the end of the screen: ANSI CSI F and J); otherwise — a pipe, a log file — a frame is
/// written only when it differs from the last one, so the output is a readable history of changes, not a flood.
/// <paramref name="width"/> (the terminal's columns) counts the rows a long line wraps onto, so the cursor goes back
/// to the frame's first row.
/// </summary>
public sealed class LiveView(TextWriter output, bool terminal, Func<int>? width = null)
{
    private string? _last;

    /// <summary>Shows <paramref name="frame"/> (lines ending in "\n"); true when something was written.</summary>
    public bool Show(string frame)
    {
        if (frame == _last) return false;
        if (terminal && _last is not null)
        {
            var columns = width?.Invoke() ?? 0;
            var lines = _last.Split('\n')[..^1].Sum(line => columns > 0 && line.Length > columns ? (line.Length + columns - 1) / columns : 1);
            if (lines > 0) output.Write($"\u001b[{lines}F");
            output.Write("\u001b[J");
        }
        else if (_last is not null) output.Write("\n");
        output.Write(frame);
        output.Flush();
        _last = frame;
        return true;
    }
}
