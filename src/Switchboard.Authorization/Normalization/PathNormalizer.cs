namespace Switchboard.Authorization.Normalization;

/// <summary>
/// Normalizes a request target once, for authorization, routing and the upstream alike (reference §1.3: "the
/// normalized path is used for authz, for routing, and for the request forwarded upstream"):
/// <list type="number">
/// <item>drop the fragment (CVE-2021-39156: <c>/user/profile#x</c> must not dodge a rule on <c>/user/profile</c>);</item>
/// <item>split off the query (CVE-2020-8595), which is never normalized;</item>
/// <item>reject <c>%00</c> and control characters with 400, in every mode;</item>
/// <item>unless <see cref="PathNormalization.None"/>: decode once (<see cref="PercentDecoder"/>, including <c>%2F</c>/<c>%5C</c>
/// in DECODE_AND_MERGE_SLASHES), turn <c>\</c> into <c>/</c>, make the path absolute, remove dot segments (RFC 3986
/// §5.2.4), then merge slashes in the MERGE modes.</item>
/// </list>
/// Case is never changed and <c>;</c> path parameters are kept (Istio's normalization test leaves <c>/admin;a=b/xyz</c>
/// untouched); see <see cref="PathParameters"/> for how authorization still sees <c>/admin;x=y</c> as <c>/admin</c>.
/// </summary>
public static class PathNormalizer
{
    public static NormalizedPath Normalize(string rawPathAndQuery, PathNormalization mode)
    {
        var target = rawPathAndQuery;
        var hash = target.IndexOf('#');
        if (hash >= 0) target = target[..hash];
        var question = target.IndexOf('?');
        var path = question >= 0 ? target[..question] : target;
        var query = question >= 0 ? target[(question + 1)..] : null;

        if (path.Contains("%00", StringComparison.Ordinal)) return NormalizedPath.Reject(PathRejection.EncodedNul);
        if (path.Any(char.IsControl)) return NormalizedPath.Reject(PathRejection.ControlCharacter);
        if (mode == PathNormalization.None) return new NormalizedPath { Path = path, Query = query };

        path = PercentDecoder.Decode(path, decodeSlashes: mode == PathNormalization.DecodeAndMergeSlashes);
        if (!path.StartsWith('/')) path = "/" + path;
        path = DotSegments.Remove(path);
        if (mode is PathNormalization.MergeSlashes or PathNormalization.DecodeAndMergeSlashes) path = Slashes.Merge(path);
        return new NormalizedPath { Path = path, Query = query };
    }
}
