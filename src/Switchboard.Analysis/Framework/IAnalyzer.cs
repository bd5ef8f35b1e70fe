namespace Switchboard.Analysis.Framework;

/// <summary>One check over the mesh. Analyzers declare the kinds they read and report through the context.</summary>
public interface IAnalyzer
{
    /// <summary>Istio-style name, e.g. <c>virtualservice.DestinationRuleAnalyzer</c> (what <c>-L</c> lists).</summary>
    string Name { get; }

    /// <summary>One line: what the analyzer checks.</summary>
    string Description { get; }

    /// <summary>The kinds it reads.</summary>
    IReadOnlyList<string> Inputs { get; }

    void Analyze(AnalysisContext context);
}
