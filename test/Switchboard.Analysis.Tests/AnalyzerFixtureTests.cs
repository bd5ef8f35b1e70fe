using Switchboard.Analysis.Messages;

namespace Switchboard.Analysis.Tests;

/// <summary>
/// Table of YAML fixtures (Fixtures/*.yaml). Each starts with <c># expect: CODE Kind ns/name</c> lines
/// (or <c># expect: nothing</c>); the analysis must produce exactly those findings, at every level.
/// </summary>
public class AnalyzerFixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Of("test", "Switchboard.Analysis.Tests", "Fixtures"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_produces_exactly_its_expected_findings(string fixture)
    {
        var path = RepoPaths.Of("test", "Switchboard.Analysis.Tests", "Fixtures", fixture);
        var expected = Expectations(path);
        var actual = AnalysisRun.Findings(AnalysisRun.Of(path));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_catalogue_code_is_exercised_by_a_fixture()
    {
        var exercised = Directory.GetFiles(RepoPaths.Of("test", "Switchboard.Analysis.Tests", "Fixtures"), "*.yaml")
            .SelectMany(Expectations).Select(e => e.Split(' ')[0]).ToHashSet();
        var missing = Catalogue.All.Where(t => t.Code != Catalogue.InternalError.Code && !exercised.Contains(t.Code)).Select(t => t.Code).ToList();
        Assert.Empty(missing);
    }

    internal static SortedSet<string> Expectations(string path)
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).TakeWhile(l => l.StartsWith('#')))
        {
            const string prefix = "# expect:";
            if (!line.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var finding = line[prefix.Length..].Trim();
            if (finding != "nothing") expected.Add(finding);
        }
        return expected;
    }
}
