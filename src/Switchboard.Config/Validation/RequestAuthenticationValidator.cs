using System.Text.Json;
using Switchboard.Config.Security;

namespace Switchboard.Config.Validation;

/// <summary>Checks a RequestAuthentication beyond its types (reference/istio-api.md §2.3): targets and JWT rules.</summary>
public sealed class RequestAuthenticationValidator : SpecValidator<RequestAuthenticationSpec>
{
    private const int MaxRules = 4096;

    protected override void Validate(Resource<RequestAuthenticationSpec> resource, ValidationContext context)
    {
        var spec = resource.Spec;
        PolicyTargetChecks.Validate(context, spec.Selector, spec.TargetRef, spec.TargetRefs);
        if (spec.JwtRules.Count > MaxRules) context.Error("spec.jwtRules", $"at most {MaxRules} jwtRules are allowed, found {spec.JwtRules.Count}");
        for (var i = 0; i < spec.JwtRules.Count; i++) Rule(context, $"spec.jwtRules[{i}]", spec.JwtRules[i]);
    }

    private static void Rule(ValidationContext context, string path, JwtRule rule)
    {
        for (var i = 0; i < rule.Audiences.Count; i++)
        {
            if (rule.Audiences[i].Length == 0) context.Error($"{path}.audiences[{i}]", "audience must not be empty");
        }
        if (!string.IsNullOrEmpty(rule.JwksUri) && !string.IsNullOrEmpty(rule.Jwks)) context.Error($"{path}.jwks", "only one of jwksUri and jwks may be set");
        if (!string.IsNullOrEmpty(rule.JwksUri) && CheckUri(rule.JwksUri) is { } uriError) context.Error($"{path}.jwksUri", uriError);
        if (!string.IsNullOrEmpty(rule.Jwks) && CheckJwks(rule.Jwks) is { } jwksError) context.Error($"{path}.jwks", jwksError);
        for (var i = 0; i < rule.FromParams.Count; i++)
        {
            if (rule.FromParams[i].Length == 0) context.Error($"{path}.fromParams[{i}]", "query parameter name must not be empty");
        }
        for (var i = 0; i < rule.FromCookies.Count; i++)
        {
            if (rule.FromCookies[i].Length == 0) context.Error($"{path}.fromCookies[{i}]", "cookie name must not be empty");
        }
        for (var i = 0; i < rule.OutputClaimToHeaders.Count; i++)
        {
            var header = rule.OutputClaimToHeaders[i].Header;
            if (!string.IsNullOrEmpty(header) && !HeaderChecks.IsHeaderName(header))
            {
                context.Error($"{path}.outputClaimToHeaders[{i}].header", $"\"{header}\" is not a valid header name");
            }
        }
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.timeout", rule.Timeout);
    }

    /// <summary>Istio fetches the JWKS itself, so only absolute http(s) URLs work.</summary>
    private static string? CheckUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && parsed.Host.Length > 0
            ? null
            : $"\"{uri}\" is not an http:// or https:// URL";

    private static string? CheckJwks(string jwks)
    {
        try
        {
            using var document = JsonDocument.Parse(jwks);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array
                ? null
                : "jwks must be a JSON Web Key Set: an object with a \"keys\" array";
        }
        catch (JsonException ex)
        {
            return $"jwks is not valid JSON: {ex.Message}";
        }
    }
}
