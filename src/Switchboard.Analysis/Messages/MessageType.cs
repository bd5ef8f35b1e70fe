namespace Switchboard.Analysis.Messages;

/// <summary>One entry of the message catalogue: code, name, level, and a template filled with <c>{0}</c>, <c>{1}</c>, ….</summary>
public sealed record MessageType(string Code, string Name, MessageLevel Level, string Template, string Summary)
{
    /// <summary>Where the code's explanation lives in this repository.</summary>
    public string DocumentationPath => $"docs/analysis/{Code}.md";

    public string Format(params object?[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, args);
}
