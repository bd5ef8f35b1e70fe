using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Loading;

namespace Switchboard.Analysis.Tests;

/// <summary>Loads config and analyzes it the way <c>sbctl analyze</c> does; findings as <c>CODE Kind ns/name</c>.</summary>
public static class AnalysisRun
{
    public static AnalysisResult Of(params string[] paths) => new MeshAnalyzer().Analyze(new ConfigLoader().Load(paths));

    public static AnalysisResult OfText(string yaml, AnalysisOptions? options = null) =>
        new MeshAnalyzer().Analyze(new ConfigLoader().LoadText(yaml, "fixture.yaml"), options);

    public static string Finding(AnalysisMessage m) => $"{m.Type.Code} {m.Origin}".TrimEnd();

    public static SortedSet<string> Findings(AnalysisResult result, MessageLevel atLeast = MessageLevel.Info) =>
        new(result.Messages.Where(m => m.Level >= atLeast).Select(Finding), StringComparer.Ordinal);
}
