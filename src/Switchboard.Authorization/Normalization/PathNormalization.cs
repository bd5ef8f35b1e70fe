namespace Switchboard.Authorization.Normalization;

/// <summary>
/// MeshConfig <c>pathNormalization.normalization</c> (mesh/v1alpha1/config.proto, <c>ProxyPathNormalization</c>;
/// reference §1.3). Istio's <c>DEFAULT</c> is <see cref="Base"/>.
/// </summary>
public enum PathNormalization
{
    /// <summary>RFC 3986 normalization: unreserved escapes decoded, <c>\</c> to <c>/</c>, dot segments removed.</summary>
    Base,

    /// <summary>Nothing: the path is matched and forwarded as sent (query and fragment still split off).</summary>
    None,

    /// <summary><see cref="Base"/>, then runs of <c>/</c> merged.</summary>
    MergeSlashes,

    /// <summary><c>%2F</c> and <c>%5C</c> decoded too, then <see cref="MergeSlashes"/>.</summary>
    DecodeAndMergeSlashes,
}

/// <summary>Reads MeshConfig's spelling of the setting (<c>DECODE_AND_MERGE_SLASHES</c>, <c>DEFAULT</c>, …).</summary>
public static class PathNormalizationSetting
{
    /// <summary>The mode <paramref name="text"/> names; Istio's default (BASE) for <c>DEFAULT</c>, empty or unknown text.</summary>
    public static PathNormalization Parse(string? text) =>
        Enum.TryParse<PathNormalization>((text ?? "").Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : PathNormalization.Base;
}
