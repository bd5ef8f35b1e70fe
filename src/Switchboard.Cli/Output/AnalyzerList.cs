using Switchboard.Analysis.Framework;

namespace Switchboard.Cli.Output;

/// <summary>Prints <c>sbctl analyze -L</c>: each analyzer, what it checks and the kinds it reads.</summary>
public static class AnalyzerList
{
    public static void Write(TextWriter output, IReadOnlyList<IAnalyzer> analyzers)
    {
        output.WriteLine("Available analyzers:");
        foreach (var analyzer in analyzers)
        {
            output.WriteLine($"* {analyzer.Name}:");
            output.WriteLine($"    {analyzer.Description}");
            output.WriteLine($"    reads: {string.Join(", ", analyzer.Inputs)}");
        }
    }
}
