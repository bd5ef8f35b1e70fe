using Switchboard.Config;
using Switchboard.Config.Source;

namespace Switchboard.Analysis.Messages;

/// <summary>One finding: its catalogue entry, text, the resource it concerns and where in the files.</summary>
public sealed record AnalysisMessage(MessageType Type, string Text, ResourceKey? Resource, SourceLocation? Location)
{
    public MessageLevel Level => Type.Level;

    /// <summary><c>Kind ns/name</c>, as istioctl prints the origin.</summary>
    public string? Origin => Resource?.ToString();

    /// <summary>istioctl's line: <c>Error [IST0101] (VirtualService ns/name file:line) text</c>.</summary>
    public override string ToString()
    {
        var where = (Origin, Location) switch
        {
            ({ } o, { } l) => $" ({o} {l.File}:{l.Line})",
            ({ } o, null) => $" ({o})",
            (null, { } l) => $" ({l.File}:{l.Line})",
            _ => "",
        };
        return $"{Level} [{Type.Code}]{where} {Text}";
    }
}
