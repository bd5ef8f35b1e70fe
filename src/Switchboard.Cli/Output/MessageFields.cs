using Switchboard.Analysis.Messages;

namespace Switchboard.Cli.Output;

/// <summary>The fields of a message in structured output (JSON and YAML share this one list).</summary>
public static class MessageFields
{
    public static IEnumerable<(string Name, object? Value)> Of(AnalysisMessage m)
    {
        yield return ("code", m.Type.Code);
        yield return ("level", m.Level.ToString());
        yield return ("message", m.Text);
        yield return ("origin", m.Origin);
        yield return ("kind", m.Resource?.Kind);
        yield return ("namespace", m.Resource?.Namespace is { Length: > 0 } ns ? ns : null);
        yield return ("name", m.Resource?.Name);
        yield return ("file", m.Location?.File);
        yield return ("line", m.Location?.Line);
        yield return ("documentationUrl", m.Type.DocumentationPath);
    }
}
