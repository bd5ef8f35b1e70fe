using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchboard.Proxy.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1:0 standing in for a workload. It answers with its name and what it
/// saw (path, Host, headers), and can be told to fail the next N requests with a status, or to stall.
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;
    private int _failStatus = 503;

    private TestUpstream(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }
    public int Port { get; private set; }
    public int Requests => Volatile.Read(ref _requests);
    private int _requests;

    /// <summary>How long to wait before answering (e.g. to trigger timeouts).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The last request seen: path+query, Host, headers, body.</summary>
    public SeenRequest? Last { get; private set; }

    public void FailNext(int count, int status = 503)
    {
        _failStatus = status;
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>The client certificate's subject, when the upstream serves TLS and the caller presented one.</summary>
    public string? ClientCertificateSubject { get; private set; }

    public static Task<TestUpstream> StartAsync(string name) => StartAsync(name, null, requireClientCertificate: false);

    /// <summary>An upstream serving HTTPS with <paramref name="certificate"/> (and optionally demanding a client certificate).</summary>
    public static async Task<TestUpstream> StartAsync(string name, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, bool requireClientCertificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is null) return;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificate;
                if (requireClientCertificate)
                {
                    https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
                    https.AllowAnyClientCertificate();
                }
            });
        }));
        var app = builder.Build();
        var upstream = new TestUpstream(name, app);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        upstream.Port = new Uri(address).Port;
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        ClientCertificateSubject = context.Connection.ClientCertificate?.Subject;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        Last = new SeenRequest(context.Request.Path + context.Request.QueryString, context.Request.Host.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body, context.Request.Protocol);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            context.Response.StatusCode = _failStatus;
            await context.Response.WriteAsync($"{Name} failing");
            return;
        }
        if (Respond is { } respond)
        {
            var (status, text, headers) = respond(Last);
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers) context.Response.Headers[name] = value;
            await context.Response.WriteAsync(text);
            return;
        }
        context.Response.Headers["x-upstream"] = Name;
        await context.Response.WriteAsync(Name);
    }

    /// <summary>When set, decides the answer (status, body, headers) from the request, instead of the upstream's name.</summary>
    public Func<SeenRequest, (int Status, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers)>? Respond { get; set; }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A request as the upstream saw it.</summary>
public sealed record SeenRequest(string PathAndQuery, string Host, IReadOnlyDictionary<string, string> Headers, string Body, string Protocol = "HTTP/1.1");
