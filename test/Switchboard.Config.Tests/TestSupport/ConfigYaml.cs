using Switchboard.Config.Loading;
using Switchboard.Config.Source;

namespace Switchboard.Config.Tests.TestSupport;

/// <summary>
/// Builds one-resource YAML documents and checks what the real loader reports for them. A case marks the line
/// its problem must be reported on with a trailing <c># &lt;-</c> comment, so expected lines never drift from the text.
/// </summary>
internal static class ConfigYaml
{
    public const string Marker = "# <-";

    /// <summary>First line of a spec whose problem belongs on the <c>spec:</c> line itself.</summary>
    public const string SpecMarker = "# <- spec";

    /// <summary>
    /// A resource of <paramref name="kind"/> whose <c>spec</c> is <paramref name="spec"/> (written unindented).
    /// A first line <see cref="SpecMarker"/> moves the marker onto the generated <c>spec:</c> line.
    /// </summary>
    public static string Doc(string apiVersion, string kind, string spec, string name = "test", string ns = "default")
    {
        var lines = spec.Replace("\r\n", "\n").Split('\n').ToList();
        var markSpec = lines[0].Trim() == SpecMarker;
        if (markSpec) lines.RemoveAt(0);
        return $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:{(markSpec ? " " + Marker : "")}\n"
            + string.Join('\n', lines.Select(l => l.Length == 0 ? l : "  " + l)) + "\n";
    }

    public static LoadResult Load(string yaml) => new ConfigLoader().LoadText(yaml, "t.yaml");

    /// <summary>The 1-based line carrying the <c># &lt;-</c> marker.</summary>
    public static int MarkedLine(string yaml)
    {
        var lines = yaml.Replace("\r\n", "\n").Split('\n');
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(Marker, StringComparison.Ordinal)).ToList();
        Assert.True(hits.Count == 1, $"a failing case needs exactly one '{Marker}' marker, found {hits.Count}:\n{yaml}");
        return hits[0] + 1;
    }

    /// <summary>Asserts a problem of <paramref name="kind"/> mentioning <paramref name="path"/> on the marked line.</summary>
    public static void AssertReported(string yaml, string path, ProblemKind kind = ProblemKind.Schema)
    {
        var line = MarkedLine(yaml);
        var result = Load(yaml);
        Assert.True(result.Resources.Count == 1, $"the document did not load as a resource:\n{Describe(result)}");
        Assert.True(result.Problems.Any(p => p.Kind == kind && p.Message.Contains(path, StringComparison.Ordinal) && p.Location.Line == line),
            $"expected a {kind} problem about '{path}' on line {line}; got:\n{Describe(result)}\n---\n{Numbered(yaml)}");
    }

    /// <summary>Asserts the document loads with no problem of any kind.</summary>
    public static void AssertClean(string yaml)
    {
        var result = Load(yaml);
        Assert.True(result.Resources.Count == 1 && result.Problems.Count == 0, $"expected no problems; got:\n{Describe(result)}\n---\n{Numbered(yaml)}");
    }

    private static string Describe(LoadResult result) =>
        result.Problems.Count == 0 ? "(no problems)" : string.Join('\n', result.Problems.Select(p => $"  {p.Kind} line {p.Location.Line}: {p.Message}"));

    private static string Numbered(string yaml) =>
        string.Join('\n', yaml.Split('\n').Select((l, i) => $"{i + 1,3}| {l}"));
}
