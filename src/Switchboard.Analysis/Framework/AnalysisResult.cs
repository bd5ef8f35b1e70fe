using Switchboard.Analysis.Messages;

namespace Switchboard.Analysis.Framework;

/// <summary>The outcome of one analysis run: sorted messages and whether any input was unparseable.</summary>
public sealed record AnalysisResult(IReadOnlyList<AnalysisMessage> Messages, bool HasUnparseableInput, IReadOnlyList<string> Namespaces);
