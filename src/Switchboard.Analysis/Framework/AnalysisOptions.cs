namespace Switchboard.Analysis.Framework;

/// <summary>How to run analysis: which namespace to report on, what to suppress, and mesh settings.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Report only on resources in this namespace (cluster-scoped ones always); null reports on all.</summary>
    public string? Namespace { get; init; }

    /// <summary>Suppressions in istioctl's form <c>CODE=Kind name.namespace</c> (<c>*</c> wildcards allowed).</summary>
    public IReadOnlyList<string> Suppressions { get; init; } = [];

    /// <summary>The mesh root namespace, where mesh-wide policies live.</summary>
    public string RootNamespace { get; init; } = "istio-system";

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
