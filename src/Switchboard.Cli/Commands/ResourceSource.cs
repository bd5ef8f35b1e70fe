using System.CommandLine;
using System.Text.Json;
using Switchboard.Config;
using Switchboard.Config.Loading;

namespace Switchboard.Cli.Commands;

/// <summary>
/// Where a read-only command gets the mesh's resources: the running control plane's <c>/apis/resources</c>, or with
/// <c>-f FILES</c> config files (offline). The same sourcing as <c>x describe pod</c>.
/// </summary>
public sealed class ResourceSource
{
    /// <summary>The <c>-f</c> option.</summary>
    public Option<string[]> Files { get; } = new("--filename", "-f") { Description = "Read these files instead of the control plane", AllowMultipleArgumentsPerToken = true };

    /// <summary>The <c>--controlplane</c> option.</summary>
    public Option<string?> Address { get; } = ControlPlaneClient.AddressOption();

    /// <summary>The resources, or the reason they could not be read.</summary>
    public async Task<(IReadOnlyList<Resource> Resources, string? Error)> LoadAsync(ParseResult parse)
    {
        if (parse.GetValue(Files) is { Length: > 0 } paths) return (new ConfigLoader().Load(paths).Resources, null);
        var (status, body) = await ControlPlaneClient.SendAsync(HttpMethod.Get, $"{ControlPlaneClient.Address(parse.GetValue(Address))}/apis/resources");
        if (status != 200) return ([], body);
        using var doc = JsonDocument.Parse(body);
        var yaml = string.Join("\n---\n", doc.RootElement.EnumerateArray().Select(r => r.GetProperty("yaml").GetString()));
        return (new ConfigLoader().LoadText(yaml, "control-plane").Resources, null);
    }
}
