using System.Net;
using Switchboard.Runtime.Network;
using Switchboard.Runtime.Up;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>
/// What every in-process whole-mesh test gives <see cref="LocalMesh"/>: the proxy and sbctl built beside the tests, a
/// free control-plane port on loopback and a free TLS port, on the test's own bridge (a random name, so nothing of
/// another run is touched) and subnet.
/// </summary>
internal static class TestMeshes
{
    /// <summary>sbctl built beside the tests (exec, apply, the sample app).</summary>
    public static string Sbctl { get; } = Path.Combine(AppContext.BaseDirectory, "sbctl.dll");

    /// <summary>A bridge named <paramref name="prefix"/> (at most 9 characters) plus a random suffix, with <paramref name="gateway"/>/<paramref name="prefixLength"/>.</summary>
    public static NetworkLayout Layout(string prefix, string gateway, int prefixLength = 24) => new()
    {
        Bridge = prefix + Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6], // interface names stop at 15
        Gateway = IPAddress.Parse(gateway),
        PrefixLength = prefixLength,
    };

    /// <summary>Options for the mesh in <paramref name="config"/>, with its state in <paramref name="state"/>.</summary>
    public static LocalMeshOptions Options(string config, string state, NetworkLayout layout, int? http = null) => new(config, state)
    {
        Layout = layout,
        Http = new IPEndPoint(IPAddress.Loopback, http ?? HostPorts.FreePort()),
        SecurePort = HostPorts.FreePort(),
        Proxy = ["dotnet", Path.Combine(AppContext.BaseDirectory, "switchboard-proxy.dll")],
        SampleApp = ["dotnet", Sbctl, "x", "sample-app"],
    };
}
