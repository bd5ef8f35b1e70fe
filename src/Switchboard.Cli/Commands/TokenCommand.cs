using System.CommandLine;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl x token NAMESPACE/SERVICEACCOUNT --workload NAME --dir DIR [--ttl SECONDS] [--out FILE]</c>: mints a
/// bootstrap token on the control plane's local socket (DIR/.switchboard/token.sock, reachable only by the user running
/// the control plane) for a proxy started by hand; the runtime does the same for every pod. With <c>--out</c> the token
/// is written 0600.
/// </summary>
public static class TokenCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var identity = new Argument<string>("identity") { Description = "NAMESPACE/SERVICEACCOUNT" };
        var workload = new Option<string>("--workload") { Description = "The pod (workload) name the proxy will give", Required = true };
        var dir = new Option<string>("--dir") { Description = "The control plane's config directory", Required = true };
        var ttl = new Option<int>("--ttl") { Description = "Lifetime in seconds (default 3600, at most 86400)", DefaultValueFactory = _ => 3600 };
        var outFile = new Option<string?>("--out") { Description = "Write the token to this file (0600) instead of stdout" };
        var command = new Command("token", "Mint a bootstrap token for a workload (local control plane only)") { identity, workload, dir, ttl, outFile };
        command.SetAction(async (parse, token) =>
        {
            var parts = parse.GetValue(identity)!.Split('/');
            if (parts.Length != 2)
            {
                error.WriteLine("error: give NAMESPACE/SERVICEACCOUNT");
                return 64;
            }
            var socket = Path.Combine(parse.GetValue(dir)!, ".switchboard", "token.sock");
            using var http = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                    return new NetworkStream(s, ownsSocket: true);
                },
            });
            var body = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["namespace"] = parts[0], ["serviceAccount"] = parts[1], ["workload"] = parse.GetValue(workload)!, ["ttlSeconds"] = parse.GetValue(ttl),
            }, TokenJson.Default.DictionaryStringObject);
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync("http://localhost/apis/token", new StringContent(body, Encoding.UTF8, "application/json"), token);
            }
            catch (HttpRequestException ex)
            {
                error.WriteLine($"error: cannot reach the control plane's token socket {socket}: {ex.Message}");
                return 1;
            }
            var text = await response.Content.ReadAsStringAsync(token);
            if (!response.IsSuccessStatusCode)
            {
                error.WriteLine($"error: {text.Trim()}");
                return 1;
            }
            if (parse.GetValue(outFile) is { } file)
            {
                if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("tokens are written with Unix file modes");
                // Created 0600 from the first byte: a token is a credential.
                await using var stream = new FileStream(file, new FileStreamOptions
                {
                    Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), token);
            }
            else output.WriteLine(text);
            return 0;
        });
        return command;
    }
}

/// <summary>Source-generated JSON for the token request body.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
internal sealed partial class TokenJson : System.Text.Json.Serialization.JsonSerializerContext;
