namespace Switchboard.Proxy.Outbound;

/// <summary>Matches an SNI server name against a host pattern: exact (case-insensitive), or <c>*.example.com</c> for any name under it.</summary>
internal static class SniHost
{
    public static bool Matches(string pattern, string serverName) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? serverName.Length > pattern.Length - 1 && serverName.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, serverName, StringComparison.OrdinalIgnoreCase);
}
