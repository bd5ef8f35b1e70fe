using System.Text;
using Switchboard.Config.Loading;
using Switchboard.Config.Source;

namespace Switchboard.Config.Tests.Loading;

/// <summary>
/// Hostile and broken input: each case gets one clear, located problem and never stops the other files
/// from loading (the good file next to it always loads).
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const string Good = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: good
          namespace: default
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sb-bad-input-");

    public void Dispose() => _dir.Delete(recursive: true);

    private LoadResult LoadWith(string badName, byte[] badContent, LoaderLimits? limits = null)
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "good.yaml"), Good);
        File.WriteAllBytes(Path.Combine(_dir.FullName, badName), badContent);
        return new ConfigLoader(limits).Load([_dir.FullName]);
    }

    private static ConfigProblem SingleProblem(LoadResult result, string file)
    {
        Assert.Single(result.Resources, r => r.Name == "good");
        return Assert.Single(result.Problems, p => p.Location.File.EndsWith(file, StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_yaml_is_located_and_unparseable()
    {
        var result = LoadWith("bad.yaml", Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n  namespace: x\n"));
        var problem = SingleProblem(result, "bad.yaml");
        Assert.Equal(ProblemKind.Unparseable, problem.Kind);
        Assert.InRange(problem.Location.Line, 4, 6);
        Assert.True(result.HasUnparseable);
    }

    [Fact]
    public void Binary_file_is_refused()
    {
        var problem = SingleProblem(LoadWith("blob.yaml", [0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0xff]), "blob.yaml");
        Assert.Equal(ProblemKind.Unparseable, problem.Kind);
        Assert.Contains("binary", problem.Message);
    }

    [Fact]
    public void Invalid_utf8_names_its_line()
    {
        var problem = SingleProblem(LoadWith("latin1.yaml", [.. "a: b\nc: d\n"u8, 0xe9, (byte)'\n']), "latin1.yaml");
        Assert.Contains("UTF-8", problem.Message);
        Assert.Equal(3, problem.Location.Line);
    }

    [Fact]
    public void Empty_file_is_a_warning_not_a_failure()
    {
        var problem = SingleProblem(LoadWith("empty.yaml", []), "empty.yaml");
        Assert.Equal(ProblemKind.SchemaWarning, problem.Kind);
    }

    [Fact]
    public void Document_without_kind_is_an_error_at_its_line()
    {
        var problem = SingleProblem(LoadWith("nokind.yaml", Encoding.UTF8.GetBytes(Good.Replace("good", "other") + "\n---\napiVersion: v1\nmetadata:\n  name: x\n")), "nokind.yaml");
        Assert.Equal(ProblemKind.Schema, problem.Kind);
        Assert.Contains("no kind", problem.Message);
        Assert.Equal(7, problem.Location.Line);
    }

    [Fact]
    public void Oversized_file_is_refused_unread()
    {
        // 50 MB of valid YAML comments: refused by size before any parsing.
        var big = new byte[50 * 1024 * 1024];
        Array.Fill(big, (byte)'#');
        for (var i = 100; i < big.Length; i += 100) big[i] = (byte)'\n';
        var problem = SingleProblem(LoadWith("huge.yaml", big), "huge.yaml");
        Assert.Equal(ProblemKind.Unparseable, problem.Kind);
        Assert.Contains("MB", problem.Message);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Ten_thousand_deep_nesting_is_refused_without_stack_overflow(string open, string close)
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000)) + "\n";
        var problem = SingleProblem(LoadWith("deep.yaml", Encoding.UTF8.GetBytes(text)), "deep.yaml");
        Assert.Equal(ProblemKind.Unparseable, problem.Kind);
        Assert.Contains("nesting", problem.Message);
    }

    [Fact]
    public void Deep_json_is_refused_with_its_line()
    {
        var text = "{\n\"a\": " + string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + "}";
        var problem = SingleProblem(LoadWith("deep.json", Encoding.UTF8.GetBytes(text)), "deep.json");
        Assert.Equal(ProblemKind.Unparseable, problem.Kind);
        Assert.Equal(2, problem.Location.Line);
    }

    [Fact]
    public void Alias_bomb_is_refused()
    {
        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            sb.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }
        var problem = SingleProblem(LoadWith("bomb.yaml", Encoding.UTF8.GetBytes(sb.ToString())), "bomb.yaml");
        Assert.Contains("aliases", problem.Message);
    }

    [Fact]
    public void Missing_path_is_reported()
    {
        var result = new ConfigLoader().Load([Path.Combine(_dir.FullName, "nope")]);
        Assert.Contains("no such file", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Scalar_document_is_not_a_resource()
    {
        var problem = SingleProblem(LoadWith("scalar.yaml", "just a string\n"u8.ToArray()), "scalar.yaml");
        Assert.Equal(ProblemKind.Schema, problem.Kind);
    }
}
