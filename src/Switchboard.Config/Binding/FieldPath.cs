using System.Text;

namespace Switchboard.Config.Binding;

/// <summary>
/// The path of a field being bound (<c>spec.http[0].route</c>, map entries as <c>labels[app]</c>), kept as a
/// chain of small nodes and turned into text only when a message needs it: binding touches every node
/// of every document, and building a string per field would dominate load time.
/// </summary>
public sealed class FieldPath
{
    private readonly FieldPath? _parent;
    private readonly string? _name;
    private readonly int _index;
    private readonly bool _isKey;

    private FieldPath(FieldPath? parent, string? name, int index, bool isKey)
    {
        _parent = parent;
        _name = name;
        _index = index;
        _isKey = isKey;
    }

    /// <summary>The empty path (the document itself).</summary>
    public static FieldPath Root { get; } = new(null, null, -1, false);

    public bool IsRoot => _parent is null;

    public FieldPath Field(string name) => new(this, name, -1, false);

    public FieldPath Item(int index) => new(this, null, index, false);

    public FieldPath Key(string key) => new(this, key, -1, true);

    public override string ToString()
    {
        if (IsRoot) return "";
        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    private void Append(StringBuilder sb)
    {
        if (_parent is null) return;
        _parent.Append(sb);
        if (_isKey) sb.Append('[').Append(_name).Append(']');
        else if (_name is null) sb.Append('[').Append(_index).Append(']');
        else
        {
            if (sb.Length > 0) sb.Append('.');
            sb.Append(_name);
        }
    }
}
