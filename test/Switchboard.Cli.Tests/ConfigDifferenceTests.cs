using Switchboard.Cli.Output;

namespace Switchboard.Cli.Tests;

/// <summary>proxy-config's check of what a proxy holds against what the control plane sent.</summary>
public class ConfigDifferenceTests
{
    [Fact]
    public void The_same_config_is_no_difference_whatever_the_line_endings()
    {
        Assert.Null(ConfigDifference.Describe("{\n  \"a\": 1\n}\n", "{\r\n  \"a\": 1\r\n}"));
    }

    [Fact]
    public void A_difference_names_its_size_and_first_line()
    {
        var sent = "{\n  \"clusters\": [\n    \"outbound|8080|canary|pay\"\n  ]\n}";
        var held = "{\n  \"clusters\": [\n    \"outbound|8080|stable|pay\"\n  ]\n}";
        var difference = ConfigDifference.Describe(sent, held);
        Assert.NotNull(difference);
        Assert.Contains("1 line(s) sent but not held, 1 held but not sent", difference);
        Assert.Contains("line 3: \"outbound|8080|stable|pay\"", difference);
    }
}
