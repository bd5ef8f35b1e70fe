using Switchboard.Authorization.Normalization;

namespace Switchboard.Authorization.Tests.Normalization;

/// <summary>reference §6 A: Istio's normalization_test.go golden table, every row in all four modes.</summary>
public sealed class PathNormalizerGoldenTests
{
    private const string Same = "=";

    /// <summary>Input, then NONE, BASE, MERGE_SLASHES, DECODE_AND_MERGE_SLASHES; "=" means unchanged.</summary>
    public static TheoryData<string, string, string, string, string> Table => new()
    {
        { "/app#foo", "/app", "/app", "/app", "/app" },
        { "/app/../admin", Same, "/admin", "/admin", "/admin" },
        { "/app//", "/app//", "/app//", "/app/", "/app/" },
        { "/app/%2f", Same, Same, Same, "/app/" },
        { "/app%2f/", Same, Same, Same, "/app/" },
        { "/xyz%30..//abc", Same, "/xyz0..//abc", "/xyz0../abc", "/xyz0../abc" },
        { "/app/%2E./admin", Same, "/admin", "/admin", "/admin" },
        { @"/app\admin", Same, "/app/admin", "/app/admin", "/app/admin" },
        { @"/app/\/\/\admin", Same, "/app//////admin", "/app/admin", "/app/admin" },
        { "/%2Fapp%5cadmin%5Cabc", Same, Same, Same, "/app/admin/abc" },
        { @"/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\abc", Same, "/%5Capp%2f%5c%2F..%2fadmin%5c/abc", "/%5Capp%2f%5c%2F..%2fadmin%5c/abc", "/app/admin/abc" },
        { "/app//../admin", Same, "/app/admin", "/app/admin", "/app/admin" },
        { "/app//../../admin", Same, "/admin", "/admin", "/admin" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Golden_row_in_every_mode(string input, string none, string @base, string merge, string decode)
    {
        Assert.Equal(Expected(input, none), Normalize(input, PathNormalization.None));
        Assert.Equal(Expected(input, @base), Normalize(input, PathNormalization.Base));
        Assert.Equal(Expected(input, merge), Normalize(input, PathNormalization.MergeSlashes));
        Assert.Equal(Expected(input, decode), Normalize(input, PathNormalization.DecodeAndMergeSlashes));
    }

    [Theory]
    [InlineData("/%c0%2e%c0%2e/admin", "/%c0.%c0./admin")]
    [InlineData("/%c0%2fadmin", "/%c0/admin")]
    public void Overlong_utf8_is_not_a_slash_or_dot_in_decode_mode(string input, string expected) =>
        Assert.Equal(expected, Normalize(input, PathNormalization.DecodeAndMergeSlashes));

    [Theory]
    [InlineData("/0x2e0x2e/admin")]
    [InlineData("/%252e%252e/admin")]
    [InlineData("/%c0%ae%c0%ae/admin")]
    [InlineData("/.../admin")]
    [InlineData("/..../admin")]
    [InlineData("/..;/admin")]
    [InlineData("/;/admin")]
    [InlineData("/admin;a=b/xyz")]
    [InlineData("/admin,a=b/xyz")]
    [InlineData("/Admin")]
    [InlineData("/ADMIN")]
    public void Left_untouched_in_decode_mode(string input) =>
        Assert.Equal(input, Normalize(input, PathNormalization.DecodeAndMergeSlashes));

    [Fact]
    public void Percent_sweep_decodes_only_unreserved_characters_and_slashes()
    {
        for (var b = 1; b <= 0xFF; b++)
        {
            var input = $"/admin%{b:x2}";
            var c = (char)b;
            var expected = c is '/' or '\\' ? "/admin/"
                : char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' ? "/admin" + c
                : input;
            Assert.Equal(expected, Normalize(input, PathNormalization.DecodeAndMergeSlashes));
        }
    }

    [Theory]
    [InlineData(PathNormalization.None)]
    [InlineData(PathNormalization.Base)]
    [InlineData(PathNormalization.MergeSlashes)]
    [InlineData(PathNormalization.DecodeAndMergeSlashes)]
    public void Encoded_nul_is_rejected_in_every_mode(PathNormalization mode)
    {
        Assert.Equal(PathRejection.EncodedNul, PathNormalizer.Normalize("/admin%00", mode).Rejection);
        Assert.Equal(PathRejection.EncodedNul, PathNormalizer.Normalize("/xyz/.%00../abc", mode).Rejection);
        Assert.Equal(PathRejection.ControlCharacter, PathNormalizer.Normalize("/admin\0x", mode).Rejection);
    }

    /// <summary>Envoy's path_utility_test.cc cases (BASE unless said otherwise).</summary>
    [Theory]
    [InlineData("a/b/../c", "/a/c")]
    [InlineData("/a/b/../../../../c", "/c")]
    [InlineData("..", "/")]
    [InlineData(@"/a/..\c", "/c")]
    [InlineData("/%5c%25", "/%5c%25")]
    [InlineData("/a/%2F%2f/c", "/a/%2F%2f/c")]
    public void Envoy_path_utility_cases(string input, string expected) =>
        Assert.Equal(expected, Normalize(input, PathNormalization.Base));

    [Fact]
    public void Query_is_split_off_and_never_normalized()
    {
        var result = PathNormalizer.Normalize("/a//b?a=///c", PathNormalization.MergeSlashes);
        Assert.Equal("/a/b", result.Path);
        Assert.Equal("a=///c", result.Query);
        Assert.Equal("/a/b?a=///c", result.PathAndQuery);
        Assert.Null(PathNormalizer.Normalize("/a", PathNormalization.Base).Query);
    }

    [Fact]
    public void Fragment_goes_before_the_query_is_split()
    {
        Assert.Equal("/user/profile", Normalize("/user/profile#section1", PathNormalization.Base));
        var result = PathNormalizer.Normalize("/a#frag?not=query", PathNormalization.Base);
        Assert.Equal("/a", result.Path);
        Assert.Null(result.Query);
    }

    [Fact]
    public void A_stray_percent_never_lets_a_second_pass_decode_a_new_escape()
    {
        // %2%66 would become %2f after one decode, and '/' after a second normalizing hop in DECODE mode.
        Assert.Equal("/%2%66admin", Normalize("/%2%66admin", PathNormalization.DecodeAndMergeSlashes));
        Assert.Equal("/%%32F", Normalize("/%%32F", PathNormalization.DecodeAndMergeSlashes));
        Assert.Equal("/%u0041", Normalize("/%u0041", PathNormalization.Base));
    }

    private static string Expected(string input, string expected) => expected == Same ? input : expected;

    private static string Normalize(string input, PathNormalization mode)
    {
        var result = PathNormalizer.Normalize(input, mode);
        Assert.False(result.IsRejected, $"{input} rejected in {mode}");
        return result.Path;
    }
}
