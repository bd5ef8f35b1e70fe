namespace Switchboard.Translation.Tests;

/// <summary>Translation is a pure function of the config: the same config in any order gives the same bytes.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [MemberData(nameof(GoldenTests.Cases), MemberType = typeof(GoldenTests))]
    public void SameConfigInAnyOrderGivesIdenticalJson(string directory, string proxy, string golden)
    {
        _ = golden;
        var resources = GoldenTests.Load(directory);
        var first = GoldenTests.TranslateToJson(resources, proxy);
        Assert.Equal(first, GoldenTests.TranslateToJson(resources, proxy));
        foreach (var seed in new[] { 1, 7, 42, 1234 })
        {
            var shuffled = resources.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(first, GoldenTests.TranslateToJson(shuffled, proxy));
        }
    }
}
