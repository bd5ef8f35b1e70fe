using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchboard.ControlPlane.Api;
using Switchboard.ControlPlane.Store;

namespace Switchboard.ControlPlane.Hosting;

/// <summary>Where the control plane keeps config and listens (15014, Istio's monitoring port, on loopback).</summary>
public sealed record ControlPlaneOptions(string Directory)
{
    public IPEndPoint Http { get; init; } = new(IPAddress.Loopback, 15014);
}

/// <summary>
/// Assembles the control plane: the file-backed config store and its HTTP API. (Discovery — pushing
/// translated config to proxies — is the next step of the control-plane issue.)
/// </summary>
public static class ControlPlaneHost
{
    public static WebApplication Build(ControlPlaneOptions options, out FileConfigStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Http);
        });
        var app = builder.Build();
        var configStore = new FileConfigStore(options.Directory);
        var watcher = new StoreDirectoryWatcher(configStore, TimeProvider.System);
        app.Lifetime.ApplicationStopping.Register(watcher.Dispose);
        var api = new ConfigApi(configStore);
        app.Run(context => (context.Request.Method, context.Request.Path.Value) switch
        {
            ("POST", "/apis/apply") => api.ApplyAsync(context, delete: false),
            ("POST", "/apis/delete") => api.ApplyAsync(context, delete: true),
            ("GET", "/apis/resources" or "/debug/configz") => api.ListAsync(context),
            ("GET", "/healthz") => context.Response.WriteAsync("ok\n"),
            _ => NotFound(context),
        });
        store = configStore;
        return app;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return context.Response.WriteAsync("control plane API: POST /apis/apply, POST /apis/delete, GET /apis/resources, GET /debug/configz\n");
    }
}
