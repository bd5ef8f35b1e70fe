using System.Reflection;

namespace Switchboard.Proxy.Telemetry.Metrics;

/// <summary>The proxy's version, for the <c>istio_build</c> gauge and the admin endpoints.</summary>
internal static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v
            ? v.Split('+')[0] : "unknown";
}
