using Switchboard.Analysis.Messages;

namespace Switchboard.Analysis.Tests;

/// <summary>The shipped examples: payments analyzes clean; every incident produces the finding its expected.txt names.</summary>
public class ExampleTests
{
    [Fact]
    public void Payments_example_analyzes_clean()
    {
        var result = AnalysisRun.Of(RepoPaths.Of("examples", "payments"));
        Assert.Empty(result.Messages.Select(m => m.ToString()));
        Assert.False(result.HasUnparseableInput);
    }

    public static TheoryData<string> Incidents()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RepoPaths.Of("examples", "incidents")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Incidents))]
    public void Incident_produces_its_finding_and_no_other_error(string incident)
    {
        var dir = RepoPaths.Of("examples", "incidents", incident);
        var expected = File.ReadAllLines(Path.Combine(dir, "expected.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(expected);
        var result = AnalysisRun.Of(dir);
        var found = AnalysisRun.Findings(result);
        Assert.Empty(expected.Except(found));
        var unexpectedProblems = result.Messages
            .Where(m => m.Level >= MessageLevel.Warning && !expected.Contains(AnalysisRun.Finding(m)))
            .Select(m => m.ToString());
        Assert.Empty(unexpectedProblems);
    }
}
