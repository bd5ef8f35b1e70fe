using Switchboard.Config.Nodes;
using Switchboard.Config.Source;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Switchboard.Config.Loading;

/// <summary>
/// Reads multi-document YAML into <see cref="ConfigNode"/> trees with locations, without recursion:
/// the parser's events are folded on an explicit stack so 10,000-deep input costs no call stack, and
/// depth, alias expansion and duplicate keys are checked as the tree is built.
/// </summary>
public static class YamlNodeReader
{
    private const string StrTag = "tag:yaml.org,2002:str";

    /// <summary>Parses <paramref name="text"/>; documents before a syntax error are kept, the error is reported.</summary>
    public static IReadOnlyList<ParsedDocument> Read(string text, string file, LoaderLimits limits, List<ConfigProblem> problems)
    {
        var documents = new List<ParsedDocument>();
        var parser = new Parser(new StringReader(text));
        var builder = new DocumentBuilder(file, limits, problems);
        var last = new SourceLocation(file, 1, 1);
        try
        {
            while (Next(parser, last))
            {
                var ev = parser.Current!;
                last = Loc(file, ev.End);
                switch (ev)
                {
                    case DocumentStart:
                        builder.Begin(Loc(file, ev.Start));
                        break;
                    case DocumentEnd:
                        if (builder.Finish() is { } doc) documents.Add(doc);
                        break;
                    default:
                        builder.Accept(ev);
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            // YamlDotNet prefixes its own "(Line: …)" position; we print the location ourselves.
            var paren = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && paren > 0) message = message[(paren + 3)..];
            problems.Add(new ConfigProblem(ProblemKind.Unparseable, $"invalid YAML: {message}", Loc(file, ex.Start)));
        }
        return documents;
    }

    /// <summary>
    /// Advances the parser. YamlDotNet reports most syntax errors as <see cref="YamlException"/>, but a few
    /// malformed inputs (an unclosed flow collection at the end of a document) surface as
    /// InvalidOperationException from its internals; those become a YamlException at the last good position.
    /// </summary>
    private static bool Next(Parser parser, SourceLocation last)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException ex)
        {
            var mark = new Mark(0, last.Line, last.Column);
            throw new YamlException(mark, mark, $"unexpected end of a collection or document after line {last.Line} ({ex.Message})");
        }
    }

    private static SourceLocation Loc(string file, Mark mark) => new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>Folds parser events of one document into a tree.</summary>
    private sealed class DocumentBuilder(string file, LoaderLimits limits, List<ConfigProblem> problems)
    {
        private readonly Stack<Frame> _stack = new();
        private readonly Dictionary<string, (ConfigNode Node, long Weight)> _anchors = new(StringComparer.Ordinal);
        private SourceLocation _start;
        private ConfigNode? _root;
        private long _weight;
        private bool _abandoned;

        public void Begin(SourceLocation start)
        {
            _stack.Clear();
            _anchors.Clear();
            _start = start;
            _root = null;
            _weight = 0;
            _abandoned = false;
        }

        public ParsedDocument? Finish() => _abandoned ? null : new ParsedDocument(_root, _start);

        public void Accept(ParsingEvent ev)
        {
            if (_abandoned)
            {
                return; // the rest of an abandoned document is read by the parser but not kept
            }
            var location = Loc(file, ev.Start);
            switch (ev)
            {
                case MappingStart ms:
                    Push(new Frame(location, isMapping: true, ms.Anchor.IsEmpty ? null : ms.Anchor.Value));
                    break;
                case SequenceStart ss:
                    Push(new Frame(location, isMapping: false, ss.Anchor.IsEmpty ? null : ss.Anchor.Value));
                    break;
                case MappingEnd or SequenceEnd:
                    var frame = _stack.Pop();
                    var node = frame.Build();
                    Complete(node, frame.Weight + 1, frame.Anchor);
                    break;
                case Scalar sc:
                    var type = sc.Style == ScalarStyle.Plain && sc.Tag.IsEmpty ? ScalarNode.ResolvePlain(sc.Value)
                        : sc.Tag.IsEmpty || sc.Tag.Value == StrTag || sc.Tag.Value == "!" ? ScalarType.String
                        : ScalarNode.ResolvePlain(sc.Value);
                    Complete(new ScalarNode(location, sc.Value, type), 1, sc.Anchor.IsEmpty ? null : sc.Anchor.Value);
                    break;
                case AnchorAlias alias:
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        Abandon(location, $"alias *{alias.Value.Value} refers to no anchor");
                        return;
                    }
                    Complete(target.Node, target.Weight, anchor: null);
                    break;
            }
        }

        private void Push(Frame frame)
        {
            if (_stack.Count >= limits.MaxDepth)
            {
                Abandon(frame.Location, $"nesting deeper than {limits.MaxDepth} levels; the document is not read further");
                return;
            }
            _stack.Push(frame);
        }

        private void Complete(ConfigNode node, long weight, string? anchor)
        {
            if (anchor is not null) _anchors[anchor] = (node, weight);
            _weight += weight;
            if (_weight > limits.MaxExpandedNodes)
            {
                Abandon(node.Location, $"document expands to more than {limits.MaxExpandedNodes:N0} nodes through aliases");
                return;
            }
            if (_stack.Count == 0)
            {
                _root = node;
                return;
            }
            var parent = _stack.Peek();
            parent.Weight += weight;
            if (parent.Add(node) is { } duplicate)
            {
                problems.Add(new ConfigProblem(ProblemKind.Schema, $"duplicate key \"{duplicate.Value}\" (the first one is kept)", duplicate.Location));
            }
        }

        private void Abandon(SourceLocation location, string message)
        {
            problems.Add(new ConfigProblem(ProblemKind.Unparseable, message, location));
            _abandoned = true;
            _stack.Clear();
        }
    }

    /// <summary>An open mapping or sequence collecting its children.</summary>
    private sealed class Frame(SourceLocation location, bool isMapping, string? anchor)
    {
        private readonly List<ConfigNode> _items = [];
        private readonly List<KeyValuePair<ScalarNode, ConfigNode>> _entries = [];
        private HashSet<string>? _keys;
        private HashSet<string>? _merged;
        private ScalarNode? _pendingKey;

        public SourceLocation Location { get; } = location;
        public string? Anchor { get; } = anchor;
        public long Weight { get; set; }

        /// <summary>Adds a child; returns the key when it duplicates an earlier one.</summary>
        public ScalarNode? Add(ConfigNode node)
        {
            if (!isMapping)
            {
                _items.Add(node);
                return null;
            }
            if (_pendingKey is null)
            {
                // Non-scalar keys do not occur in Kubernetes config; stringify them so the error names them.
                _pendingKey = node as ScalarNode ?? new ScalarNode(node.Location, $"<{node.Describe()} key>", ScalarType.String);
                return null;
            }
            var key = _pendingKey;
            _pendingKey = null;
            if (key.Value == "<<" && key.Type == ScalarType.String)
            {
                Merge(node);
                return null;
            }
            _keys ??= new HashSet<string>(StringComparer.Ordinal);
            if (_merged is not null && _merged.Remove(key.Value))
            {
                // An explicit key overrides the same key brought in by an earlier merge.
                _entries.RemoveAll(e => e.Key.Value == key.Value);
            }
            else if (!_keys.Add(key.Value))
            {
                return key;
            }
            _entries.Add(new(key, node));
            return null;
        }

        /// <summary>YAML merge keys (<c>&lt;&lt;: *base</c>), which Kubernetes' YAML reader supports: earlier keys win.</summary>
        private void Merge(ConfigNode source)
        {
            var maps = source switch
            {
                MappingNode m => [m],
                SequenceNode s => s.Items.OfType<MappingNode>().ToList(),
                _ => new List<MappingNode>(),
            };
            _keys ??= new HashSet<string>(StringComparer.Ordinal);
            foreach (var map in maps)
            {
                foreach (var entry in map.Entries)
                {
                    if (!_keys.Add(entry.Key.Value)) continue;
                    (_merged ??= new HashSet<string>(StringComparer.Ordinal)).Add(entry.Key.Value);
                    _entries.Add(entry);
                }
            }
        }

        public ConfigNode Build() => isMapping ? new MappingNode(Location, _entries) : new SequenceNode(Location, _items);
    }
}
