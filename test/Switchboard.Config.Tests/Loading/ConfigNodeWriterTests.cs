using Switchboard.Config.Loading;
using Switchboard.Config.Nodes;

namespace Switchboard.Config.Tests.Loading;

/// <summary>Writing parsed documents back out: YAML that reads back to the same values and types, and JSON.</summary>
public class ConfigNodeWriterTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    [Fact]
    public void Every_example_resource_round_trips_through_yaml()
    {
        var loaded = new ConfigLoader().Load([RepoFile("examples", "payments")]);
        Assert.NotEmpty(loaded.Resources);
        foreach (var resource in loaded.Resources)
        {
            var yaml = ConfigNodeWriter.ToYaml(resource.Source.Document);
            var again = new ConfigLoader().LoadText(yaml, "again.yaml");
            Assert.Empty(again.Problems.Select(p => $"{resource}: {p.Message}\n{yaml}"));
            var reread = Assert.Single(again.Resources);
            Assert.Equal(ConfigNodeWriter.ToJson(resource.Source.Document), ConfigNodeWriter.ToJson(reread.Source.Document));
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("\"true\"", "\"true\"")]
    [InlineData("\"8080\"", "\"8080\"")]
    [InlineData("8080", "8080")]
    [InlineData("\"a: b\"", "\"a: b\"")]
    [InlineData("\"*\"", "\"*\"")]
    [InlineData("\"line1\\nline2\"", "\"line1\\nline2\"")]
    [InlineData("~", "null")]
    public void Scalars_keep_their_type(string written, string expected)
    {
        var document = Assert.Single(YamlNodeReader.Read($"x: {written}\n", "t.yaml", LoaderLimits.Default, []));
        Assert.Equal($"x: {expected}\n", ConfigNodeWriter.ToYaml(document.Root!));
    }
}
