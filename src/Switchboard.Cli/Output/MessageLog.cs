using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;

namespace Switchboard.Cli.Output;

/// <summary>istioctl's default output: one line per message, then a verdict for the namespaces analyzed.</summary>
public static class MessageLog
{
    public static void Write(TextWriter output, TextWriter error, IReadOnlyList<AnalysisMessage> shown, AnalysisResult result, MessageLevel failureThreshold)
    {
        foreach (var message in shown) output.WriteLine(message.ToString());
        var scope = result.Namespaces.Count == 1 ? $"namespace: {result.Namespaces[0]}" : "all namespaces";
        if (shown.Count == 0)
        {
            output.WriteLine($"\u2714 No validation issues found when analyzing {scope}.");
            return;
        }
        if (result.Messages.Any(m => m.Level >= failureThreshold) || result.HasUnparseableInput)
        {
            error.WriteLine($"Error: Analyzers found issues when analyzing {scope}.");
            error.WriteLine("See docs/analysis/README.md for more information about causes and resolutions.");
        }
    }
}
