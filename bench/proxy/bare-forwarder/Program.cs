using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

// bare-forwarder LISTEN_PORT UPSTREAM_URL: forwards every request to the upstream with YARP's defaults.
// Same handler settings as switchboard-proxy's clusters, so the difference between the two is our work.
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Services.AddHttpForwarder();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, int.Parse(args[0])));
var app = builder.Build();
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
var invoker = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    ActivityHeadersPropagator = null,
});
var upstream = args[1];
app.Run(async context => await forwarder.SendAsync(context, upstream, invoker));
app.Run();
