using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Identity.Spiffe;
using Switchboard.Identity.Tokens;

namespace Switchboard.ControlPlane.Api;

/// <summary>
/// <c>POST /apis/token</c> <c>{"namespace", "serviceAccount", "workload", "ttlSeconds"}</c>: a bootstrap token for one
/// workload, which the local runtime hands to that pod's sidecar (as the kubelet mounts a ServiceAccount token).
/// Whoever holds a token can get that identity's certificate, so this answers only on the control plane's Unix
/// socket, in a 0700 directory of the user running it: nobody else on the machine can mint identities.
/// </summary>
public sealed class TokenApi(TokenIssuer issuer)
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    public async Task IssueAsync(HttpContext context)
    {
        if (context.Features.Get<LocalSocketConnection>() is null)
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("tokens are issued only on the control plane's local socket\n");
            return;
        }
        TokenRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, TokenJsonContext.Default.TokenRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request is not { Namespace.Length: > 0, ServiceAccount.Length: > 0, Workload.Length: > 0 })
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("give namespace, serviceAccount and workload\n");
            return;
        }
        var lifetime = request.TtlSeconds is > 0 and var s ? TimeSpan.FromSeconds(Math.Min(s, BootstrapTokens.MaxLifetime.TotalSeconds)) : DefaultLifetime;
        string token;
        try
        {
            token = issuer.Issue(new WorkloadIdentity(request.Namespace, request.ServiceAccount), request.Workload, lifetime);
        }
        catch (ArgumentException ex)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync(ex.Message + "\n");
            return;
        }
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(token);
    }
}

/// <summary>Marks connections that came in on the control plane's Unix socket (set by its listener, read per request).</summary>
public sealed record LocalSocketConnection;

/// <summary>The body of a token request.</summary>
public sealed record TokenRequest(string Namespace, string ServiceAccount, string Workload, int? TtlSeconds);

/// <summary>Source-generated JSON for <see cref="TokenRequest"/>.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(TokenRequest))]
internal sealed partial class TokenJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
