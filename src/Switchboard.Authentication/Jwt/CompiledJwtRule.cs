using Switchboard.Authentication.Config;

namespace Switchboard.Authentication.Jwt;

/// <summary>
/// A <see cref="JwtRuleConfig"/> with its JWKS parsed once, when config arrives, not per request. A rule whose key set
/// failed to fetch or parse keeps the reason in <see cref="KeysError"/> and rejects every token (fail closed).
/// </summary>
public sealed class CompiledJwtRule
{
    /// <summary>Envoy jwt_authn's default <c>clock_skew_seconds</c>.</summary>
    public const int DefaultClockSkewSeconds = 60;

    private CompiledJwtRule(JwtRuleConfig config, JsonWebKeySet? keys, string? keysError)
    {
        Config = config;
        Keys = keys;
        KeysError = keysError;
    }

    public JwtRuleConfig Config { get; }

    public JsonWebKeySet? Keys { get; }

    public string? KeysError { get; }

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(Math.Max(0, Config.ClockSkewSeconds ?? DefaultClockSkewSeconds));

    public static CompiledJwtRule From(JwtRuleConfig config)
    {
        if (config.JwksError is { } error) return new CompiledJwtRule(config, null, error);
        if (string.IsNullOrWhiteSpace(config.JwksJson)) return new CompiledJwtRule(config, null, "no JWKS");
        return JsonWebKeySet.TryParse(config.JwksJson, out var keys, out var parseError)
            ? new CompiledJwtRule(config, keys, null)
            : new CompiledJwtRule(config, null, parseError);
    }
}
