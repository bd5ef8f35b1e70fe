using Switchboard.Authorization.Evaluation;
using Switchboard.Authorization.Normalization;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Requests;
using Switchboard.Authorization.Tests.TestSupport;

namespace Switchboard.Authorization.Tests.Normalization;

/// <summary>
/// Property tests over seeded random paths (reference §6 J, fuzzing): normalization never throws, only rejects
/// <c>%00</c> and control characters, is idempotent, leaves nothing a later DECODE pass would change, and a DENY on
/// <c>/admin*</c> denies every path whose normalized form (or parameter-free view) starts with <c>/admin</c>.
/// Interesting inputs are kept in <c>Data/path-corpus.tsv</c> with their outputs per mode; regenerate with
/// <c>SB_UPDATE_GOLDEN=1</c> and review the diff.
/// </summary>
public sealed class PathFuzzTests
{
    private const int Seed = 20_260_901;
    private const int Iterations = 20_000;
    private static readonly string[] Alphabet =
        ["/", "/", ".", ".", "%", "2", "F", "f", "5", "C", "c", "E", "e", ";", "#", "?", "\\", "a", "d", "m", "i", "n",
         "admin", "/admin", "%2F", "%2e", "%5C", "%00", "%61", "..", "%25", "=", "x"];

    private static readonly PathNormalization[] Modes =
        [PathNormalization.None, PathNormalization.Base, PathNormalization.MergeSlashes, PathNormalization.DecodeAndMergeSlashes];

    private static readonly AuthzPolicy DenyAdmin = TestPolicies.Parse("action: DENY\nrules:\n- to:\n  - operation:\n      paths: [\"/admin*\"]");

    [Fact]
    public void Random_paths_keep_the_invariants()
    {
        var random = new Random(Seed);
        for (var n = 0; n < Iterations; n++) CheckInvariants(RandomPath(random));
    }

    [Fact]
    public void Corpus_outputs_are_unchanged()
    {
        var path = RepoPaths.Project("Data", "path-corpus.tsv");
        if (Environment.GetEnvironmentVariable("SB_UPDATE_GOLDEN") == "1") File.WriteAllLines(path, GenerateCorpus());
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 50, "the corpus lost its entries");
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            Assert.Equal(Row(fields[0]), line);
            CheckInvariants(fields[0]);
        }
    }

    private static void CheckInvariants(string input)
    {
        foreach (var mode in Modes)
        {
            var result = PathNormalizer.Normalize(input, mode);
            var visible = input.Split('#')[0].Split('?')[0];
            var mustReject = visible.Contains("%00", StringComparison.Ordinal) || visible.Any(char.IsControl);
            Assert.True(mustReject == result.IsRejected, $"{input} in {mode}: rejection {result.Rejection}");
            if (result.IsRejected) continue;
            Assert.DoesNotContain('#', result.Path);
            Assert.DoesNotContain('?', result.Path);
            var again = PathNormalizer.Normalize(result.Path, mode);
            Assert.True(result.Path == again.Path, $"not idempotent in {mode}: {input} -> {result.Path} -> {again.Path}");
            if (mode == PathNormalization.DecodeAndMergeSlashes) CheckFullyDecoded(input, result.Path);
            CheckDenyAdmin(input, mode, result.Path);
        }
    }

    private static void CheckFullyDecoded(string input, string path)
    {
        var message = $"{input} -> {path}";
        Assert.True(path.StartsWith('/'), message);
        Assert.DoesNotContain("//", path, StringComparison.Ordinal);
        Assert.DoesNotContain('\\', path);
        Assert.DoesNotContain("%2f", path, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("%5c", path, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(path.Split('/'), s => s is "." or "..");
    }

    private static void CheckDenyAdmin(string input, PathNormalization mode, string path)
    {
        var startsWithAdmin = path.StartsWith("/admin", StringComparison.Ordinal)
            || (PathParameters.Strip(path) ?? "").StartsWith("/admin", StringComparison.Ordinal);
        var decision = AuthzEvaluator.Evaluate([DenyAdmin], new RequestAttributes { Method = "GET", Path = path });
        Assert.True(startsWithAdmin != decision.Allowed, $"{input} in {mode} -> {path}: allowed={decision.Allowed}");
    }

    private static string RandomPath(Random random)
    {
        var length = random.Next(1, 12);
        var parts = new string[length];
        for (var i = 0; i < length; i++) parts[i] = Alphabet[random.Next(Alphabet.Length)];
        return (random.Next(4) == 0 ? "" : "/") + string.Concat(parts);
    }

    /// <summary>The input and its path per mode (<c>400</c> when rejected), tab-separated.</summary>
    private static string Row(string input) =>
        string.Join('\t', [input, .. Modes.Select(m => PathNormalizer.Normalize(input, m) is { IsRejected: false } r ? r.Path : "400")]);

    /// <summary>Random inputs whose four outputs differ the most, plus those that exercise the stray-% guard.</summary>
    private static IEnumerable<string> GenerateCorpus()
    {
        var random = new Random(Seed);
        var picked = Enumerable.Range(0, Iterations).Select(_ => RandomPath(random)).Distinct()
            .Select(p => (Input: p, Distinct: Modes.Select(m => PathNormalizer.Normalize(p, m).Path).Distinct().Count()))
            .OrderByDescending(x => x.Distinct).ThenBy(x => x.Input.Length).ThenBy(x => x.Input, StringComparer.Ordinal)
            .Take(60).Select(x => x.Input)
            .Concat(["/%2%66admin", "/%%32F", "/%4%31dmin", "/admin%00", "/;/admin", "/admin;x=y/..;/z", "/%2e%2e/%2e%2e/admin"]);
        return new[] { "// input\tNONE\tBASE\tMERGE_SLASHES\tDECODE_AND_MERGE_SLASHES (400 = rejected); SB_UPDATE_GOLDEN=1 regenerates" }
            .Concat(picked.Distinct().Select(Row));
    }
}
