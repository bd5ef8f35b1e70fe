using Switchboard.Runtime.Capture;
using Switchboard.Runtime.Tests.TestSupport;

namespace Switchboard.Runtime.Tests.Capture;

/// <summary>
/// Capture rules for a table of option sets compared with reviewed files in Golden/ (NAME.rules, and NAME.ip6.rules when IPv6 is
/// on). After an intended change, regenerate with <c>SB_UPDATE_GOLDEN=1 dotnet test test/Switchboard.Runtime.Tests</c> and review the diff.
/// </summary>
public sealed class GoldenTests
{
    private static readonly Dictionary<string, CaptureOptions> Table = new()
    {
        ["default"] = new CaptureOptions(),
        ["include-inbound-ports"] = Annotated(("includeInboundPorts", "8080, 9090,15021")),
        ["inbound-disabled"] = Annotated(("includeInboundPorts", "")),
        ["exclude-inbound-ports"] = Annotated(("excludeInboundPorts", "22,8443")),
        ["outbound-ports"] = Annotated(("includeOutboundPorts", "5432"), ("excludeOutboundPorts", "3306,6379")),
        ["include-outbound-ranges"] = Annotated(("includeOutboundIPRanges", "198.19.0.0/16,10.96.0.0/12"), ("excludeOutboundIPRanges", "198.19.0.7/32")),
        ["exclude-outbound-ranges"] = Annotated(("excludeOutboundIPRanges", "169.254.169.254/32,10.1.2.3/8")),
        ["outbound-disabled"] = Annotated(("includeOutboundIPRanges", "")),
        ["custom-proxy"] = new CaptureOptions { ProxyUid = 2000, ProxyGid = 2001, InboundCapturePort = 16006, OutboundCapturePort = 16001 },
        ["dual-stack"] = Annotated(("includeOutboundIPRanges", "*"), ("excludeOutboundIPRanges", "169.254.169.254/32,fd00:ec2::254/128")) with { EnableIPv6 = true },
    };

    public static TheoryData<string> Cases => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void RulesMatchGolden(string name)
    {
        var options = Table[name];
        Check(name + ".rules", CaptureRules.Build(options));
        if (options.EnableIPv6) Check(name + ".ip6.rules", CaptureRules.BuildIPv6(options));
    }

    [Fact]
    public void EveryGoldenFileHasACase()
    {
        // A renamed or deleted case must not leave a stale golden behind that nobody compares any more.
        var expected = Table.SelectMany(c => c.Value.EnableIPv6 ? [c.Key + ".rules", c.Key + ".ip6.rules"] : new[] { c.Key + ".rules" });
        var present = Directory.GetFiles(RepoPaths.Project("Golden"), "*.rules").Select(Path.GetFileName);
        Assert.Equal(expected.Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));
    }

    private static CaptureOptions Annotated(params (string Key, string Value)[] annotations) =>
        CaptureOptions.FromAnnotations(annotations.ToDictionary(a => CaptureAnnotations.Prefix + a.Key, a => a.Value));

    private static void Check(string file, IReadOnlyList<string> rules)
    {
        var actual = string.Join('\n', rules) + "\n";
        var path = RepoPaths.Project("Golden", file);
        if (Environment.GetEnvironmentVariable("SB_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing; run with SB_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(expected == actual, $"rules for {file} differ from the golden; if intended, run with SB_UPDATE_GOLDEN=1 and review the diff.\n{FirstDifference(expected, actual)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right) return $"first difference at line {i + 1}:\n  golden: {left}\n  actual: {right}";
        }
        return "";
    }
}
