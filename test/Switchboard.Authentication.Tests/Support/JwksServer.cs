using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchboard.Authentication.Tests.Support;

/// <summary>
/// A real Kestrel JWKS server on 127.0.0.1:0: <c>/jwks</c>, an OpenID <c>/.well-known/openid-configuration</c> pointing
/// at it, and misbehaving paths (<c>/big</c>, <c>/slow</c>, <c>/500</c>, <c>/html</c>, <c>/redirect</c>).
/// </summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private JwksServer(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public static async Task<JwksServer> StartAsync(string jwks)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new JwksServer(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref server._requests);
            return next(context);
        });
        app.MapGet("/jwks", () => Results.Text(jwks, "application/json"));
        app.MapGet("/.well-known/openid-configuration", () => Results.Text($"{{\"issuer\":\"x\",\"jwks_uri\":\"{server.Url("/jwks")}\"}}", "application/json"));
        app.MapGet("/big", () => Results.Text("{\"keys\":[],\"pad\":\"" + new string('x', 300_000) + "\"}", "application/json"));
        app.MapGet("/big-chunked", async (HttpContext context) =>
        {
            for (var i = 0; i < 40; i++) await context.Response.WriteAsync(new string('x', 10_000));
        });
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return jwks;
        });
        app.MapGet("/500", () => Results.StatusCode(500));
        app.MapGet("/html", () => Results.Text("<html></html>", "text/html"));
        app.MapGet("/redirect", () => Results.Redirect("/jwks"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
