using System.Net.Http;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Pipeline;

/// <summary>
/// Decides whether an attempt's outcome may be retried under a route's <c>retryOn</c>, with Envoy's
/// meanings: <c>5xx</c> (any 5xx, plus resets and connect failures), <c>gateway-error</c> (502/503/504,
/// plus resets and connect failures), <c>reset</c>, <c>connect-failure</c>, <c>retriable-4xx</c> (409),
/// <c>retriable-status-codes</c> (the bare codes), and the gRPC status tokens.
/// Status codes are those the upstream actually sent: a local 503 for a reset matches <c>reset</c>, not 503.
/// </summary>
internal static class RetryConditions
{
    private static readonly Dictionary<string, string> GrpcTokens = new(StringComparer.Ordinal)
    {
        ["cancelled"] = "1", ["deadline-exceeded"] = "4", ["resource-exhausted"] = "8", ["internal"] = "13", ["unavailable"] = "14",
    };

    public static bool OnResponse(RetryPolicy policy, int status, string? grpcStatus)
    {
        foreach (var token in policy.RetryOn)
        {
            switch (token)
            {
                case "5xx" when status >= 500:
                case "gateway-error" when status is 502 or 503 or 504:
                case "retriable-4xx" when status == 409:
                case "retriable-status-codes" when policy.RetriableStatusCodes.Contains(status):
                    return true;
            }
            if (grpcStatus is not null && GrpcTokens.TryGetValue(token, out var code) && code == grpcStatus) return true;
        }
        return policy.RetriableStatusCodes.Contains(status) && policy.RetryOn.Count == 0;
    }

    public static bool OnConnectFailure(RetryPolicy policy) =>
        policy.RetryOn.Any(t => t is "connect-failure" or "5xx" or "gateway-error" or "reset" or "reset-before-request");

    public static bool OnReset(RetryPolicy policy) =>
        policy.RetryOn.Any(t => t is "5xx" or "gateway-error" or "reset");

    public static bool OnPerTryTimeout(RetryPolicy policy) =>
        policy.RetryOn.Any(t => t is "5xx" or "gateway-error" or "reset");

    /// <summary>True when the exception means the connection was never established (refused, unresolvable, TLS failed: UF).</summary>
    public static bool IsConnectFailure(Exception? error) =>
        error is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }
        || error?.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError };
}
