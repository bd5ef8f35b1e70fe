using System.Text;
using Switchboard.Telemetry.Expressions;
using Switchboard.Telemetry.Tests.TestSupport;

namespace Switchboard.Telemetry.Tests.Expressions.Fuzz;

/// <summary>
/// Seeded fuzzing of the whole pipeline: for random text and random mutations of valid expressions, parsing throws
/// nothing but <see cref="ExpressionException"/> (TryParse nothing at all), every error has a column inside the text,
/// and whatever parses evaluates without throwing. Interesting inputs are kept in <c>Data/cel-corpus.tsv</c> with
/// their outcome; regenerate with <c>SB_UPDATE_GOLDEN=1</c> and review the diff.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Seed = 20_260_917;
    private const int Iterations = 20_000;

    private static readonly string[] Seeds =
    [
        "response.code >= 400",
        "connection.mtls && request.url_path.contains('v1beta3')",
        "!has(request.useragent) || !(request.useragent.startsWith(\"Amazon-Route53-Health-Check-Service\"))",
        "response.code != 200 || request.url_path != '/healthz'",
        "string(destination.port)",
        "request.headers['x-user-type']",
        "request.method in ['GET', 'HEAD'] ? 1u : -2.5e3",
        "{'a': [1, 2], 3: r'\\d'}['a'][1] % 2 == 0",
        "request.url_path.matches('^/v[0-9]+/(?P<rest>.*)$') && size(request.host) > 0",
        "int(filter_state['n']) / (response.code - 200) < dyn(9223372036854775807)",
        "request.time + duration('1h30m') > timestamp('2024-05-01T10:00:00Z')",
        "'''multi\nline''' + \"\\x41\\u00e9\\U0001F600\" == request.id",
    ];

    private static readonly string[] Fragments =
    [
        "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=",
        "&&", "||", " in ", "'", "\"", "'''", "\\", "\\u", "\\x", "r'", "b'", "0x", "1u", "1.5", "1e", "9223372036854775808",
        " ", "\n", "//", "request", "response", ".code", ".headers", "['x']", "has(", "size(", "matches(", "dyn(", "int(",
        "true", "null", "if", "é", "\ud83d", "\0", "#", "=", "&", "|", "_", "a",
    ];

    [Fact]
    public void Random_text_never_escapes_as_another_exception()
    {
        var random = new Random(Seed);
        for (var n = 0; n < Iterations; n++) Check(RandomText(random));
    }

    [Fact]
    public void Mutated_expressions_never_escape_as_another_exception()
    {
        var random = new Random(Seed + 1);
        for (var n = 0; n < Iterations; n++) Check(Mutate(Seeds[random.Next(Seeds.Length)], random));
    }

    [Theory]
    [InlineData(10_000, "(")]
    [InlineData(10_000, "[")]
    [InlineData(10_000, "{")]
    [InlineData(5_000, "f(")]
    [InlineData(5_000, "a.")]
    [InlineData(5_000, "-(")]
    [InlineData(5_000, "!(")]
    [InlineData(3_000, "1 + ")]
    [InlineData(3_000, "x ? y : ")]
    [InlineData(3_000, "a[0]")]
    [InlineData(3_000, "a.b()")]
    [InlineData(8_000, "!-")]
    public void Hostile_repetition_is_rejected_or_bounded(int count, string unit) =>
        Check(string.Concat(Enumerable.Repeat(unit, count)) + "1");

    [Theory]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('(a*)*b')")]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('(a|aa)+$')")]
    [InlineData("'x'.matches('a{1000}{1000}')")]
    [InlineData("'x'.matches('((((((((((a*)*)*)*)*)*)*)*)*)*)')")]
    public void Regex_bombs_are_rejected_or_linear(string text) => Check(text);

    [Fact]
    public void Corpus_outcomes_are_unchanged()
    {
        var path = RepoPaths.Project("Data", "cel-corpus.tsv");
        if (Environment.GetEnvironmentVariable("SB_UPDATE_GOLDEN") == "1") File.WriteAllLines(path, GenerateCorpus());
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 100, "the corpus lost its entries");
        foreach (var line in lines)
        {
            var text = Unescape(line.Split('\t')[0]);
            Check(text);
            Assert.Equal(line, Row(text));
        }
    }

    /// <summary>The invariants: only ExpressionException, located errors, and evaluation that never throws.</summary>
    private static void Check(string text)
    {
        try
        {
            CelExpression.Parse(text);
        }
        catch (ExpressionException)
        {
        }
        if (!CelExpression.TryParse(text, out var expression, out var errors))
        {
            Assert.NotEmpty(errors);
            foreach (var error in errors)
            {
                Assert.InRange(error.Offset, 0, text.Length);
                Assert.True(error.Line >= 1 && error.Column >= 1, $"{Escape(text)}: {error}");
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
            return;
        }
        Assert.Empty(errors);
        foreach (var source in new[] { TestAttributes.Empty, Rich })
        {
            expression.Evaluate(source);
            expression.EvaluateBool(source);
            expression.EvaluateString(source);
        }
    }

    /// <summary>An outcome that pins down parsing and evaluation: the error codes and columns, or type and value.</summary>
    private static string Row(string text)
    {
        var outcome = CelExpression.TryParse(text, out var expression, out var errors)
            ? $"{expression.ResultType}\t{Escape(expression.Evaluate(Rich).ToString())}"
            : string.Join(" ", errors.Select(e => $"{e.Code}@{e.Line}:{e.Column}"));
        return Escape(text) + "\t" + outcome;
    }

    private static IEnumerable<string> GenerateCorpus()
    {
        var random = new Random(Seed + 2);
        var mutated = Enumerable.Range(0, 4000).Select(_ => Mutate(Seeds[random.Next(Seeds.Length)], random));
        var randomText = Enumerable.Range(0, 4000).Select(_ => RandomText(random));
        // One input per distinct outcome shape keeps the corpus small but wide.
        var picked = mutated.Concat(randomText)
            .Where(t => t.Length <= 200)
            .GroupBy(Shape)
            .Select(g => g.OrderBy(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).First())
            .OrderBy(t => t, StringComparer.Ordinal);
        return new[] { "// input (\\t \\n \\\\ \\uXXXX escaped)\tresult type and value, or Code@line:column per error; SB_UPDATE_GOLDEN=1 regenerates" }
            .Concat(Seeds.Concat(picked).Distinct().Select(Row));
    }

    /// <summary>
    /// What kind of outcome an input has: its result type and value kind, or its error codes and messages with the
    /// quoted parts blanked (so "unexpected token ')'" and "unexpected token ']'" are one shape).
    /// </summary>
    private static string Shape(string text)
    {
        if (CelExpression.TryParse(text, out var expression, out var errors)) return $"{expression.ResultType} {expression.Evaluate(Rich).Kind}";
        return string.Join(" | ", errors.Select(e => $"{e.Code} {BlankQuotes(e.Message)}"));
    }

    private static string BlankQuotes(string message)
    {
        var parts = message.Split('\'');
        return string.Join("'_'", parts.Where((_, i) => i % 2 == 0));
    }

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(1, 16);
        for (var i = 0; i < count; i++) builder.Append(Fragments[random.Next(Fragments.Length)]);
        return builder.ToString();
    }

    private static string Mutate(string text, Random random)
    {
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && text.Length > 0; m++)
        {
            var at = random.Next(text.Length);
            text = random.Next(5) switch
            {
                0 => text.Remove(at, 1),
                1 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
                2 => text.Insert(at, text.Substring(at, random.Next(text.Length - at + 1))),
                3 => at + 1 < text.Length ? string.Concat(text.AsSpan(0, at), text[at + 1].ToString(), text[at].ToString(), text.AsSpan(at + 2)) : text,
                _ => text.Remove(at, random.Next(text.Length - at + 1)),
            };
        }
        return text;
    }

    /// <summary>Every attribute present with a value of its type, plus a few headers and filter-state entries.</summary>
    private static readonly TestAttributes Rich = CreateRich();

    private static TestAttributes CreateRich()
    {
        var attributes = new TestAttributes();
        foreach (var path in AttributeCatalog.Paths)
        {
            AttributeCatalog.TryFind(path, out var id);
            attributes.With(path, AttributeCatalog.TypeOf(id) switch
            {
                CelType.Bool => Value.True,
                CelType.Int => Value.Int(200),
                CelType.Uint => Value.Uint(7),
                CelType.Timestamp => Value.Timestamp(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero)),
                CelType.Duration => Value.Duration(TimeSpan.FromMilliseconds(1500)),
                _ => Value.String("/v1/x"),
            });
        }
        return attributes.Header("x", "1").Header("x-user-type", "gold").Entry(AttributeMap.FilterState, "n", Value.String("12"));
    }

    private static string Escape(string s)
    {
        var b = new StringBuilder();
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return b.ToString();
    }

    private static string Unescape(string s)
    {
        var b = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length)
            {
                b.Append(s[i]);
                continue;
            }
            var c = s[++i];
            if (c == 'u')
            {
                b.Append((char)Convert.ToInt32(s.Substring(i + 1, 4), 16));
                i += 4;
            }
            else b.Append(c switch { 't' => '\t', 'n' => '\n', _ => c });
        }
        return b.ToString();
    }
}
