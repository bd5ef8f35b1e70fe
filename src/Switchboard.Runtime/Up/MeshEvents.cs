namespace Switchboard.Runtime.Up;

/// <summary>
/// What the runtime did lately, one line each with its time (pod started, stopping, stopped, a Job's pod completed, a
/// start that failed): the live table shows the last few, as <c>kubectl get events</c> would. Bounded, so a long run
/// holds the newest only; while <see cref="Echo"/> is set (before the table takes the terminal) each line is also written out.
/// </summary>
public sealed class MeshEvents(TimeProvider time, TextWriter? echo = null)
{
    private const int Kept = 50;
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    /// <summary>Also write each new line to the echo writer.</summary>
    public bool Echo { get; set; } = true;

    public void Add(string line)
    {
        var stamped = $"{time.GetLocalNow():HH:mm:ss} {line}";
        lock (_lock)
        {
            _lines.Enqueue(stamped);
            while (_lines.Count > Kept) _lines.Dequeue();
            if (Echo) echo?.WriteLine(stamped);
        }
    }

    /// <summary>The newest <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Recent(int count)
    {
        lock (_lock) return [.. _lines.TakeLast(count)];
    }
}
