using System.Text;
using System.Text.Json;
using Switchboard.Config.Nodes;
using Switchboard.Config.Source;

namespace Switchboard.Config.Loading;

/// <summary>
/// Reads a JSON file into one <see cref="ConfigNode"/> document with line numbers. JSON gets its own
/// reader (not the YAML one) so tab-indented JSON and exact number forms are read as JSON means them.
/// </summary>
public static class JsonNodeReader
{
    public static IReadOnlyList<ParsedDocument> Read(byte[] utf8, string file, LoaderLimits limits, List<ConfigProblem> problems)
    {
        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = limits.MaxDepth,
        });
        // Each open container remembers the key it will be stored under in its parent.
        var stack = new Stack<(SourceLocation Location, List<ConfigNode>? Items, List<KeyValuePair<ScalarNode, ConfigNode>>? Entries, HashSet<string>? Keys, ScalarNode? Key)>();
        ScalarNode? pendingKey = null;
        ConfigNode? root = null;
        try
        {
            while (reader.Read())
            {
                var location = lines.Locate(file, reader.TokenStartIndex);
                ConfigNode? done = null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        stack.Push((location, null, [], new HashSet<string>(StringComparer.Ordinal), pendingKey));
                        pendingKey = null;
                        continue;
                    case JsonTokenType.StartArray:
                        stack.Push((location, [], null, null, pendingKey));
                        pendingKey = null;
                        continue;
                    case JsonTokenType.EndObject:
                        var obj = stack.Pop();
                        done = new MappingNode(obj.Location, obj.Entries!);
                        pendingKey = obj.Key;
                        break;
                    case JsonTokenType.EndArray:
                        var arr = stack.Pop();
                        done = new SequenceNode(arr.Location, arr.Items!);
                        pendingKey = arr.Key;
                        break;
                    case JsonTokenType.PropertyName:
                        pendingKey = new ScalarNode(location, reader.GetString()!, ScalarType.String);
                        continue;
                    case JsonTokenType.String:
                        done = new ScalarNode(location, reader.GetString()!, ScalarType.String);
                        break;
                    case JsonTokenType.Number:
                        var text = Encoding.UTF8.GetString(reader.ValueSpan);
                        done = new ScalarNode(location, text, text.AsSpan().IndexOfAny(".eE") >= 0 ? ScalarType.Float : ScalarType.Int);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        done = new ScalarNode(location, reader.TokenType == JsonTokenType.True ? "true" : "false", ScalarType.Bool);
                        break;
                    case JsonTokenType.Null:
                        done = new ScalarNode(location, "null", ScalarType.Null);
                        break;
                    default:
                        continue;
                }
                if (stack.Count == 0)
                {
                    root = done;
                    continue;
                }
                var parent = stack.Peek();
                if (parent.Items is not null)
                {
                    parent.Items.Add(done);
                }
                else if (pendingKey is not null)
                {
                    if (parent.Keys!.Add(pendingKey.Value)) parent.Entries!.Add(new(pendingKey, done));
                    else problems.Add(new ConfigProblem(ProblemKind.Schema, $"duplicate key \"{pendingKey.Value}\" (the first one is kept)", pendingKey.Location));
                    pendingKey = null;
                }
            }
        }
        catch (JsonException ex)
        {
            var at = new SourceLocation(file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            problems.Add(new ConfigProblem(ProblemKind.Unparseable, $"invalid JSON: {message}", at));
            return [];
        }
        return [new ParsedDocument(root, SourceLocation.OfFile(file))];
    }

    /// <summary>Maps byte offsets to 1-based lines and columns.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _starts = [0];

        public LineIndex(byte[] text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == (byte)'\n') _starts.Add(i + 1);
            }
        }

        public SourceLocation Locate(string file, long offset)
        {
            var index = _starts.BinarySearch(offset);
            if (index < 0) index = ~index - 1;
            return new SourceLocation(file, index + 1, (int)(offset - _starts[index]) + 1);
        }
    }
}
