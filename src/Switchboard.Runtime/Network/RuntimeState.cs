using System.Text;

namespace Switchboard.Runtime.Network;

/// <summary>What kind of thing the runtime made.</summary>
public enum RuntimeThingKind { Bridge, Netns, Link, Directory }

/// <summary>One thing the runtime made, by kind and exact name.</summary>
public sealed record RuntimeThing(RuntimeThingKind Kind, string Name)
{
    public static RuntimeThing Bridge(string name) => new(RuntimeThingKind.Bridge, name);
    public static RuntimeThing Netns(string name) => new(RuntimeThingKind.Netns, name);
    public static RuntimeThing Link(string name) => new(RuntimeThingKind.Link, name);
    public static RuntimeThing Directory(string path) => new(RuntimeThingKind.Directory, path);
}

/// <summary>
/// The runtime's ledger, one line per thing (<c>kind name</c>) in a file: written (and flushed) before the thing is made,
/// so a crash between the two leaves at most a name that no longer exists, never a thing nobody knows about.
/// </summary>
public sealed class RuntimeState
{
    private readonly string _file;
    private readonly List<RuntimeThing> _things = [];
    private readonly Lock _lock = new();

    public RuntimeState(string file)
    {
        _file = file;
        if (!File.Exists(file)) return;
        foreach (var line in File.ReadAllLines(file))
        {
            var space = line.IndexOf(' ');
            if (space > 0 && Enum.TryParse<RuntimeThingKind>(line[..space], out var kind)) _things.Add(new RuntimeThing(kind, line[(space + 1)..]));
        }
    }

    public IReadOnlyList<RuntimeThing> Things
    {
        get
        {
            lock (_lock) return [.. _things];
        }
    }

    public void Record(RuntimeThing thing)
    {
        lock (_lock)
        {
            if (_things.Contains(thing)) return;
            _things.Add(thing);
            Save();
        }
    }

    public void Forget(RuntimeThing thing)
    {
        lock (_lock)
        {
            _things.Remove(thing);
            Save();
        }
    }

    private void Save()
    {
        var text = new StringBuilder();
        foreach (var thing in _things) text.Append(thing.Kind).Append(' ').Append(thing.Name).Append('\n');
        var temp = _file + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _file, overwrite: true);
    }
}
