namespace Switchboard.Config.Validation;

/// <summary>Port protocol names (case-insensitive) and their families.</summary>
internal static class Protocols
{
    /// <summary>What Gateway servers accept (reference/istio-api.md §1.3).</summary>
    public static readonly IReadOnlySet<string> Gateway = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "MONGO", "TCP", "TLS",
    };

    /// <summary>Every protocol Istio's parser knows (ServiceEntry, Sidecar, Service ports).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "HTTP_PROXY", "MONGO", "REDIS", "MYSQL", "TCP", "TLS", "UDP",
    };

    public static bool IsHttp(string? protocol) =>
        protocol is not null && (protocol.Equals("HTTP", StringComparison.OrdinalIgnoreCase) || protocol.Equals("HTTP2", StringComparison.OrdinalIgnoreCase)
            || protocol.Equals("GRPC", StringComparison.OrdinalIgnoreCase) || protocol.Equals("GRPC-WEB", StringComparison.OrdinalIgnoreCase)
            || protocol.Equals("HTTP_PROXY", StringComparison.OrdinalIgnoreCase));

    public static bool IsTls(string? protocol) =>
        protocol is not null && (protocol.Equals("HTTPS", StringComparison.OrdinalIgnoreCase) || protocol.Equals("TLS", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reports a protocol outside <paramref name="allowed"/>; an empty protocol is left to the caller.</summary>
    public static void Check(ValidationContext context, string path, string? protocol, IReadOnlySet<string> allowed)
    {
        if (!string.IsNullOrEmpty(protocol) && !allowed.Contains(protocol))
        {
            context.Error(path, $"unsupported protocol \"{protocol}\"; expected one of {string.Join(", ", allowed)}");
        }
    }
}
