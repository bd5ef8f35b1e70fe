using Switchboard.Authentication.Config;
using Switchboard.Authentication.Extraction;
using Switchboard.Authentication.Jwt;

namespace Switchboard.Authentication;

/// <summary>
/// Request authentication for one workload's merged JWT rules (RequestAuthentication, reference/istio-api.md §2.3 and
/// security-and-reliability.md §1.4). Built once per config (key sets are parsed here), then used for every request.
/// <list type="number">
/// <item>Find every distinct token at the rules' locations (<see cref="TokenExtractor"/>). None: <see cref="AuthnStatus.NoToken"/>.</item>
/// <item>For each token, the rules that look where it was found and whose issuer is its <c>iss</c> try to verify it;
/// none such is "issuer not configured" (a token of an unknown issuer is rejected, Istio bulletin 2021-001).</item>
/// <item>All tokens must verify, else <see cref="AuthnStatus.Invalid"/> (401). Envoy's rule: a good token must not carry
/// a bad one past the proxy for the application to read as if verified (also CVE-2025-64527's two headers).</item>
/// <item>The identity is the first token's; header edits come from the rule that verified each token.</item>
/// </list>
/// The output headers of every rule are always removed from the incoming request, token or not, so a client cannot
/// forge <c>outputPayloadToHeader</c>/<c>outputClaimToHeaders</c> values the application would trust.
/// </summary>
public sealed class RequestAuthenticator
{
    private readonly IReadOnlyList<CompiledJwtRule> _rules;
    private readonly IReadOnlyList<JwtRuleConfig> _configs;
    private readonly JwtValidator _validator;
    private readonly IReadOnlyList<string> _outputHeaders;

    public RequestAuthenticator(IReadOnlyList<JwtRuleConfig> rules, TimeProvider time, int maxTokenLength = JwtValidator.DefaultMaxTokenLength)
    {
        _configs = rules;
        _rules = rules.Select(CompiledJwtRule.From).ToList();
        _validator = new JwtValidator(time, maxTokenLength);
        _outputHeaders = rules.SelectMany(r => r.OutputClaimToHeaders.Select(c => c.Header).Append(r.OutputPayloadToHeader))
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>One-off convenience: compiles <paramref name="rules"/> and authenticates one request.</summary>
    public static AuthnResult Authenticate(IReadOnlyList<JwtRuleConfig> rules, IReadOnlyList<KeyValuePair<string, string>> headers, string? query, TimeProvider time) =>
        new RequestAuthenticator(rules, time).Authenticate(headers, query);

    /// <summary>Authenticates a request given its headers (every occurrence, in order) and its query string.</summary>
    public AuthnResult Authenticate(IReadOnlyList<KeyValuePair<string, string>> headers, string? query)
    {
        var tokens = TokenExtractor.Extract(_configs, headers, query);
        if (tokens.Count == 0) return new AuthnResult { Status = AuthnStatus.NoToken, HeadersToRemove = _outputHeaders };

        var verified = new List<(ExtractedToken Found, ValidatedJwt Token, JwtRuleConfig Rule)>();
        foreach (var found in tokens)
        {
            var (token, rule, failure) = Verify(found);
            if (token is null)
            {
                return new AuthnResult
                {
                    Status = AuthnStatus.Invalid, Failure = failure.Failure, Reason = failure.Failure.ResponseBody(),
                    Detail = $"token at {found.Locations[0]}: {failure.Detail}", HeadersToRemove = _outputHeaders,
                };
            }
            verified.Add((found, token, rule!));
        }

        var remove = new List<string>(_outputHeaders);
        var add = new List<KeyValuePair<string, string>>();
        foreach (var (found, token, rule) in verified)
        {
            // forwardOriginalToken defaults to false: the token header goes (Envoy removes header locations only).
            if (!rule.ForwardOriginalToken) remove.AddRange(found.Locations.Where(l => l.Kind == TokenSourceKind.Header).Select(l => l.Name));
            if (rule.OutputPayloadToHeader is { } payloadHeader) add.Add(new(payloadHeader, token.PayloadSegment));
            foreach (var claim in rule.OutputClaimToHeaders)
            {
                if (JwtClaims.TryGet(token.Claims, claim.Claim, out var value) && JwtClaims.AsHeaderValue(value) is { } text) add.Add(new(claim.Header, text));
            }
        }
        return new AuthnResult
        {
            Status = AuthnStatus.Valid,
            Token = verified[0].Token,
            HeadersToAdd = add,
            HeadersToRemove = remove.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }

    private (ValidatedJwt? Token, JwtRuleConfig? Rule, JwtValidationResult Failure) Verify(ExtractedToken found)
    {
        if (!CompactJws.TryParse(found.Token, _validator.MaxTokenLength, out var jws, out var parseFailure, out var detail))
        {
            return (null, null, JwtValidationResult.Fail(parseFailure, detail));
        }
        var issuer = jws!.UnverifiedIssuer;
        JwtValidationResult? first = null;
        foreach (var index in found.RuleIndexes.Where(i => _rules[i].Config.Issuer == issuer))
        {
            var result = _validator.Validate(jws, _rules[index]);
            if (result.Token is { } token) return (token, _configs[index], result);
            first ??= result;
        }
        return (null, null, first ?? JwtValidationResult.Fail(JwtFailure.UnknownIssuer, $"no rule for iss \"{issuer}\" reads {found.Locations[0]}"));
    }
}
