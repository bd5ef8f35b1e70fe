using Switchboard.Config;
using Switchboard.Config.Security;

namespace Switchboard.Authentication.Config;

/// <summary>
/// Turns RequestAuthentication resources into the proxy's <see cref="JwtRuleConfig"/>s. Pure: remote key sets come from
/// a lookup the control plane fills with <see cref="Jwks.JwksFetcher"/> beforehand (list them with <see cref="RemoteSources"/>).
/// A key set that is missing from the lookup or failed to fetch becomes <see cref="JwtRuleConfig.JwksError"/>, so the
/// proxy rejects that issuer's tokens rather than accepting them unchecked (fail closed; reference §6 I).
/// </summary>
public static class JwtRuleMapper
{
    /// <summary>Every remote key set the policies need, once each.</summary>
    public static IReadOnlyList<JwksSource> RemoteSources(IEnumerable<Resource<RequestAuthenticationSpec>> policies) =>
        policies.SelectMany(p => p.Spec.JwtRules).Select(RemoteSource).OfType<JwksSource>().DistinctBy(s => s.Uri).ToList();

    /// <summary>The rules of all <paramref name="policies"/>, in order (merged, as Istio merges them).</summary>
    public static IReadOnlyList<JwtRuleConfig> Map(IEnumerable<Resource<RequestAuthenticationSpec>> policies, Func<JwksSource, JwksFetchResult?> remote) =>
        policies.SelectMany(p => p.Spec.JwtRules).Select(r => Map(r, remote)).OfType<JwtRuleConfig>().ToList();

    /// <summary>One rule; null when it has no issuer (config validation reports that; such a rule can match no token).</summary>
    public static JwtRuleConfig? Map(JwtRule rule, Func<JwksSource, JwksFetchResult?> remote)
    {
        if (string.IsNullOrEmpty(rule.Issuer)) return null;
        string? jwks = rule.Jwks, error = null;
        if (string.IsNullOrEmpty(jwks))
        {
            if (RemoteSource(rule) is { } source)
            {
                var fetched = remote(source);
                jwks = fetched?.Jwks;
                error = fetched is null ? $"JWKS from {source.Uri} not fetched yet" : fetched.Error;
            }
            else error = $"no jwks or jwksUri, and issuer \"{rule.Issuer}\" is not an https URL for OpenID discovery";
        }
        return new JwtRuleConfig
        {
            Issuer = rule.Issuer,
            Audiences = rule.Audiences,
            JwksJson = error is null ? jwks : null,
            JwksError = error,
            FromHeaders = rule.FromHeaders.Where(h => !string.IsNullOrEmpty(h.Name)).Select(h => new JwtHeaderLocation { Name = h.Name!, Prefix = h.Prefix }).ToList(),
            FromParams = rule.FromParams,
            FromCookies = rule.FromCookies,
            ForwardOriginalToken = rule.ForwardOriginalToken ?? false,
            OutputPayloadToHeader = string.IsNullOrEmpty(rule.OutputPayloadToHeader) ? null : rule.OutputPayloadToHeader,
            OutputClaimToHeaders = rule.OutputClaimToHeaders
                .Where(c => !string.IsNullOrEmpty(c.Header) && !string.IsNullOrEmpty(c.Claim))
                .Select(c => new ClaimToHeaderConfig { Header = c.Header!, Claim = c.Claim! }).ToList(),
            SpaceDelimitedClaims = rule.SpaceDelimitedClaims,
        };
    }

    /// <summary>The remote source of a rule; null when its JWKS is inline or nothing can be fetched.</summary>
    public static JwksSource? RemoteSource(JwtRule rule)
    {
        if (!string.IsNullOrEmpty(rule.Jwks)) return null;
        var timeout = rule.Timeout?.Value is { } t && t > TimeSpan.Zero ? t : JwksSource.DefaultTimeout;
        if (!string.IsNullOrEmpty(rule.JwksUri)) return new JwksSource(rule.JwksUri, IsDiscovery: false, timeout);
        // OpenID Connect Discovery 1.0 §4: the configuration lives under the issuer URL.
        if (Uri.TryCreate(rule.Issuer, UriKind.Absolute, out var issuer) && issuer.Scheme == Uri.UriSchemeHttps)
        {
            return new JwksSource(rule.Issuer!.TrimEnd('/') + "/.well-known/openid-configuration", IsDiscovery: true, timeout);
        }
        return null;
    }
}
