using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;

namespace Switchboard.Analysis.Tests;

/// <summary>Meta-tests: the catalogue and the analyzer registry stay complete and documented.</summary>
public class CatalogueTests
{
    [Fact]
    public void Every_code_is_unique_and_documented()
    {
        Assert.Equal(Catalogue.All.Count, Catalogue.All.Select(t => t.Code).Distinct().Count());
        var undocumented = Catalogue.All.Where(t => !File.Exists(RepoPaths.Of(t.DocumentationPath))).Select(t => t.Code);
        Assert.Empty(undocumented);
    }

    [Fact]
    public void Docs_name_the_code_and_its_name_in_their_title()
    {
        foreach (var type in Catalogue.All)
        {
            var title = File.ReadLines(RepoPaths.Of(type.DocumentationPath)).First();
            Assert.Contains(type.Code, title);
            Assert.Contains(type.Name, title);
        }
    }

    [Fact]
    public void Codes_are_istio_codes_or_our_own_sb_codes()
    {
        Assert.All(Catalogue.All, t => Assert.Matches("^(IST|SB)[0-9]{4}$", t.Code));
    }

    [Fact]
    public void Every_analyzer_class_is_registered_once_and_described()
    {
        var classes = typeof(IAnalyzer).Assembly.GetTypes().Where(t => typeof(IAnalyzer).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract).ToList();
        var registered = AnalyzerRegistry.All.Select(a => a.GetType()).ToList();
        Assert.Equal(classes.OrderBy(t => t.Name), registered.OrderBy(t => t.Name));
        Assert.Equal(registered.Count, AnalyzerRegistry.All.Select(a => a.Name).Distinct().Count());
        Assert.All(AnalyzerRegistry.All, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Description));
            Assert.NotEmpty(a.Inputs);
        });
    }

    [Fact]
    public void Analyzer_inputs_are_kinds_the_loader_knows()
    {
        var kinds = Config.KindRegistry.All.Select(k => k.Kind).ToHashSet();
        Assert.All(AnalyzerRegistry.All.SelectMany(a => a.Inputs), kind => Assert.Contains(kind, kinds));
    }
}
