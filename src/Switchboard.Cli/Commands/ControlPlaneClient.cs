using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace Switchboard.Cli.Commands;

/// <summary>How sbctl reaches the control plane's config API: <c>--controlplane URL</c>, else $SBCTL_CONTROLPLANE, else 127.0.0.1:15014.</summary>
public static class ControlPlaneClient
{
    // One handler for the process: connections are reused, never opened per call.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static Option<string?> AddressOption() => new("--controlplane") { Description = "Control plane URL (default $SBCTL_CONTROLPLANE or http://127.0.0.1:15014)" };

    public static string Address(string? option) =>
        (option ?? Environment.GetEnvironmentVariable("SBCTL_CONTROLPLANE") ?? "http://127.0.0.1:15014").TrimEnd('/');

    /// <summary>
    /// A GET to a proxy's admin URL. A pod of <c>sbctl up</c> serves its admin on its own loopback only, so when the URL is
    /// loopback and the pod's network namespace exists here, the connection is made from inside that namespace.
    /// </summary>
    public static async Task<(int Status, string Body)> AdminGetAsync(string proxy, string url)
    {
        var uri = new Uri(url);
        var host = System.Net.IPAddress.TryParse(uri.Host, out var parsed) ? parsed : null;
        var netns = OperatingSystem.IsLinux() && host is not null && System.Net.IPAddress.IsLoopback(host) ? Switchboard.Runtime.Network.PodNamespaces.Find(proxy) : [];
        if (netns.Count != 1) return await SendAsync(HttpMethod.Get, url);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, _) => new System.Net.Sockets.NetworkStream(
                await Switchboard.Runtime.Network.NetnsConnector.ConnectAsync(netns[0], new System.Net.IPEndPoint(host!, context.DnsEndPoint.Port), TimeSpan.FromSeconds(5)), ownsSocket: true),
        }) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = await client.GetAsync(uri);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or UnauthorizedAccessException)
        {
            return (0, $"cannot reach {proxy}'s admin at {url} inside {netns[0]}: {ex.Message}");
        }
    }

    /// <summary>Sends a request; the body as text, or an error line saying why the control plane could not be reached.</summary>
    public static async Task<(int Status, string Body)> SendAsync(HttpMethod method, string url, string? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/yaml");
        try
        {
            using var response = await Http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            return (0, $"cannot reach the control plane at {url}: {ex.Message} (start it with: sbctl controlplane --dir DIR)");
        }
    }

    /// <summary>Reads an apply/delete answer: its result, error and warning lines.</summary>
    public static (IReadOnlyList<string> Results, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings) ParseResult(string json)
    {
        using var doc = JsonDocument.Parse(json);
        IReadOnlyList<string> Read(string name) => doc.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        return (Read("results"), Read("errors"), Read("warnings"));
    }
}
