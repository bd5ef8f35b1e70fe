using System.Net;
using System.Text;
using System.Text.Json;
using Switchboard.Authentication.Config;
using Switchboard.Authentication.Jwt;

namespace Switchboard.Authentication.Jwks;

/// <summary>
/// Fetches a rule's JWKS for the control plane, which hands the text to proxies in <see cref="JwtRuleConfig.JwksJson"/>.
/// Never throws for a bad URI or server: the result carries the error, which becomes <see cref="JwtRuleConfig.JwksError"/>.
/// <list type="number">
/// <item>the URI must be absolute <c>https</c> (<c>http</c> only with <see cref="JwksFetcherOptions.AllowPrivate"/>);</item>
/// <item>a literal IP host is checked here; a name is resolved, checked and pinned by <see cref="PinnedConnect"/>, which
/// <paramref name="client"/> must be built on (<see cref="CreateClient"/>);</item>
/// <item>GET with a timeout and a body size limit; no redirects;</item>
/// <item>the body must be a JWKS with a usable key (or, for discovery, name a <c>jwks_uri</c>, which goes through 1–3 again).</item>
/// </list>
/// </summary>
public sealed class JwksFetcher(HttpClient client, JwksFetcherOptions options, TimeProvider time)
{
    /// <summary>An <see cref="HttpClient"/> on the guarded handler; share one per control plane.</summary>
    public static HttpClient CreateClient(JwksFetcherOptions options) => new(PinnedConnect.CreateHandler(options), disposeHandler: true);

    public async Task<JwksFetchResult> FetchAsync(JwksSource source, CancellationToken ct = default)
    {
        var first = await GetAsync(source.Uri, source.Timeout, ct);
        if (!source.IsDiscovery || first.Error is not null) return Check(first);
        // OpenID Connect Discovery 1.0 §3: the document names the JWKS in "jwks_uri".
        string? jwksUri;
        try
        {
            using var doc = JsonDocument.Parse(first.Jwks!);
            jwksUri = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("jwks_uri", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        }
        catch (JsonException)
        {
            jwksUri = null;
        }
        if (string.IsNullOrEmpty(jwksUri)) return JwksFetchResult.Failed($"{source.Uri}: no \"jwks_uri\" in the OpenID configuration");
        return Check(await GetAsync(jwksUri, source.Timeout, ct));
    }

    /// <summary>Fetches the JWKS at <paramref name="uri"/>.</summary>
    public Task<JwksFetchResult> FetchAsync(string uri, CancellationToken ct = default) =>
        FetchAsync(new JwksSource(uri, IsDiscovery: false, options.Timeout), ct);

    private static JwksFetchResult Check(JwksFetchResult fetched) =>
        fetched.Error is not null || JsonWebKeySet.TryParse(fetched.Jwks!, out _, out var error) ? fetched : JwksFetchResult.Failed(error);

    private async Task<JwksFetchResult> GetAsync(string uriText, TimeSpan timeout, CancellationToken ct)
    {
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri)) return JwksFetchResult.Failed($"\"{uriText}\" is not an absolute URI");
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && options.AllowPrivate))
        {
            return JwksFetchResult.Failed($"{uriText}: only https is allowed for jwksUri");
        }
        if (!options.AllowPrivate && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) && BlockedAddresses.IsBlocked(literal))
        {
            return JwksFetchResult.Failed($"{uriText}: {new JwksAddressBlockedException(literal.ToString(), literal).Message}");
        }
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode) return JwksFetchResult.Failed($"{uriText}: HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > options.MaxResponseBytes) return TooLarge(uriText);
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, linked.Token)) > 0)
            {
                if (buffer.Length + read > options.MaxResponseBytes) return TooLarge(uriText);
                buffer.Write(chunk, 0, read);
            }
            return JwksFetchResult.Ok(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return JwksFetchResult.Failed($"{uriText}: timed out after {timeout.TotalSeconds:0.###}s");
        }
        catch (HttpRequestException ex)
        {
            return JwksFetchResult.Failed($"{uriText}: {Blocked(ex)?.Message ?? ex.Message}");
        }
    }

    private JwksFetchResult TooLarge(string uri) => JwksFetchResult.Failed($"{uri}: response larger than {options.MaxResponseBytes} bytes");

    private static JwksAddressBlockedException? Blocked(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is JwksAddressBlockedException blocked) return blocked;
        }
        return null;
    }
}
