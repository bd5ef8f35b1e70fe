using System.Globalization;
using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>An HTTP route's <c>retries</c>: attempts, per-try timeout, <c>retryOn</c> policies [VAL] [ENVOY-RTR].</summary>
internal static class RetryChecks
{
    private static readonly HashSet<string> RetryOnPolicies = new(StringComparer.Ordinal)
    {
        "5xx", "gateway-error", "reset", "reset-before-request", "connect-failure", "retriable-4xx", "refused-stream",
        "retriable-status-codes", "retriable-headers", "envoy-ratelimited", "http3-post-connect-failure",
        // gRPC (x-envoy-retry-grpc-on)
        "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable",
    };

    public static void Validate(ValidationContext context, string path, HttpRetry? retry)
    {
        if (retry is null) return;
        if (retry.Attempts < 0) context.Error($"{path}.attempts", $"attempts {retry.Attempts} must not be negative");
        if (retry.Attempts == 0 && (retry.PerTryTimeout is not null || !string.IsNullOrEmpty(retry.RetryOn) || retry.RetryRemoteLocalities is not null))
        {
            context.Error($"{path}.attempts", "attempts is 0 (retries disabled), so perTryTimeout, retryOn and retryRemoteLocalities have no effect");
        }
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.perTryTimeout", retry.PerTryTimeout);
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.backoff", retry.Backoff);
        if (string.IsNullOrEmpty(retry.RetryOn)) return;
        foreach (var policy in retry.RetryOn.Split(','))
        {
            if (RetryOnPolicies.Contains(policy) || IsStatusCode(policy)) continue;
            var hint = policy.Trim() != policy && (RetryOnPolicies.Contains(policy.Trim()) || IsStatusCode(policy.Trim())) ? " (remove the spaces around commas)" : "";
            context.Error($"{path}.retryOn", $"\"{policy}\" is not a retryOn policy or HTTP status code{hint}");
        }
    }

    private static bool IsStatusCode(string s) =>
        s.Length == 3 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599;
}
