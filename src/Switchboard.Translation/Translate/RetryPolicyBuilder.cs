using System.Globalization;
using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Compiles <c>retries</c> as Istio does (reference/istio-api.md §1.1, HTTPRetry):
/// unset → Istio's default policy; <c>attempts</c> ≤ 0 → no retries; otherwise the default policy with the given
/// attempts, perTryTimeout and backoff, and — when <c>retryOn</c> is given — its tokens, bare status codes moved to
/// retriable status codes (adding <c>retriable-status-codes</c> if missing). Retries go to another host unless the
/// destination hashes consistently (stickiness wins), and <c>retryIgnorePreviousHosts</c> overrides either way.
/// </summary>
internal static class RetryPolicyBuilder
{
    public static RetryPolicy Build(HttpRetry? retries, bool consistentHash)
    {
        var policy = consistentHash ? RetryPolicy.IstioDefault with { RetryOtherHosts = false } : RetryPolicy.IstioDefault;
        if (retries is null) return policy;
        if (retries.Attempts <= 0) return RetryPolicy.None;
        policy = policy with { Attempts = retries.Attempts };
        if (!string.IsNullOrWhiteSpace(retries.RetryOn))
        {
            var (tokens, codes) = Split(retries.RetryOn);
            if (codes.Count > 0 && !tokens.Contains("retriable-status-codes")) tokens.Add("retriable-status-codes");
            policy = policy with { RetryOn = tokens, RetriableStatusCodes = codes };
        }
        if (retries.PerTryTimeout is { } perTry) policy = policy with { PerTryTimeout = perTry.Value };
        if (retries.RetryIgnorePreviousHosts is { } other) policy = policy with { RetryOtherHosts = other };
        if (retries.Backoff is { } backoff) policy = policy with { BaseBackoff = backoff.Value };
        return policy;
    }

    /// <summary><c>"503,reset, gateway-error"</c> → tokens [reset, gateway-error], codes [503]. Only HTTP status numbers (100–599) count as codes.</summary>
    private static (List<string> Tokens, List<int> Codes) Split(string retryOn)
    {
        var tokens = new List<string>();
        var codes = new List<int>();
        foreach (var part in retryOn.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599) codes.Add(code);
            else tokens.Add(part);
        }
        return (tokens, codes);
    }
}
