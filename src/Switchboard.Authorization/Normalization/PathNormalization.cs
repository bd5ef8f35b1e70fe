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
