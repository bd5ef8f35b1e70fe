namespace Switchboard.Cli.Output;

/// <summary>
/// A plain-text table as kubectl and istioctl print them: left-aligned columns as wide as their widest cell plus a
/// gap, the last column unpadded, no trailing spaces. The first row is the header.
/// </summary>
public static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<IReadOnlyList<string>> rows, int gap = 3)
    {
        if (rows.Count == 0) return;
        var widths = Enumerable.Range(0, rows[0].Count).Select(i => rows.Max(r => i < r.Count ? r[i].Length : 0) + gap).ToArray();
        foreach (var row in rows) output.WriteLine(string.Concat(row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }
}
