using System.Globalization;
using Switchboard.Config.Security;

namespace Switchboard.Config.Validation;

/// <summary>
/// <c>when</c> conditions and port/IP values of AuthorizationPolicy rules. Supported keys: reference/istio-api.md §2.2
/// (code [AUTHZ-SRC] and doc table [DOC-conditions]).
/// </summary>
internal static class AuthorizationConditionChecks
{
    private static readonly HashSet<string> PlainKeys = new(StringComparer.Ordinal)
    {
        "source.ip", "remote.ip", "source.namespace", "source.principal", "source.serviceAccount", "source.trustDomain",
        "request.auth.principal", "request.auth.audiences", "request.auth.presenter", "destination.ip", "destination.port", "connection.sni",
    };

    public static void Condition(ValidationContext context, string path, Condition condition)
    {
        var key = condition.Key ?? "";
        if (key.Length == 0) return; // required: the binder reports it
        if (!IsSupported(key)) context.Error($"{path}.key", $"\"{key}\" is not a supported condition key (e.g. source.ip, request.headers[name], request.auth.claims[claim])");
        if (condition.Values.Count == 0 && condition.NotValues.Count == 0) context.Error(path, $"condition on \"{key}\" needs values or notValues");
        foreach (var (field, values) in new[] { ("values", condition.Values), ("notValues", condition.NotValues) })
        {
            for (var i = 0; i < values.Count; i++)
            {
                var itemPath = $"{path}.{field}[{i}]";
                if (values[i].Length == 0) context.Error(itemPath, "empty values are not allowed");
                else if (key is "source.ip" or "remote.ip" or "destination.ip") IpBlock(context, itemPath, values[i]);
                else if (key == "destination.port") Port(context, itemPath, values[i]);
            }
        }
    }

    /// <summary>An IP address or CIDR (exact match only: no <c>*</c>).</summary>
    public static void IpBlock(ValidationContext context, string path, string value)
    {
        if (HostNames.CheckIpOrCidr(value) is { } error) context.Error(path, error);
    }

    /// <summary>A port number 0..65535 as a string (exact match only).</summary>
    public static void Port(ValidationContext context, string path, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            context.Error(path, $"\"{value}\" is not a port number in 0..65535");
        }
    }

    private static bool IsSupported(string key)
    {
        if (PlainKeys.Contains(key)) return true;
        if (!key.EndsWith(']')) return false;
        var open = key.IndexOf('[');
        if (open < 0 || open >= key.Length - 2) return false; // needs something between the brackets
        // request.headers[Name], request.auth.claims[claim][nested], experimental.envoy.filters.<filter>[attribute]
        return open == "request.headers".Length && key.StartsWith("request.headers[", StringComparison.Ordinal)
            || open == "request.auth.claims".Length && key.StartsWith("request.auth.claims[", StringComparison.Ordinal)
            || open > "experimental.envoy.filters.".Length && key.StartsWith("experimental.envoy.filters.", StringComparison.Ordinal);
    }
}
