using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Switchboard.Proxy.Runtime;

namespace Switchboard.Proxy.Admin;

/// <summary>
/// The admin listener (127.0.0.1:15000, as Envoy's): <c>/config_dump</c> (the ProxyConfig as JSON), <c>/stats</c>
/// (Envoy-named cluster counters), <c>/clusters</c> (per endpoint: active requests), <c>/ready</c>, <c>/quitquitquit</c> (POST: exit,
/// for Jobs whose sidecar must stop).
/// </summary>
internal sealed class AdminEndpoints(ConfigHolder config, IHostApplicationLifetime lifetime, TimeProvider time, Gateway.GatewayCredentials credentials)
{
    public Task HandleAsync(HttpContext context) => context.Request.Path.Value switch
    {
        "/config_dump" => ConfigDump(context),
        "/certs" => Certs(context),
        "/clusters" => Clusters(context),
        "/stats" => Stats(context),
        "/ready" => Ready(context),
        "/quitquitquit" when HttpMethods.IsPost(context.Request.Method) => Quit(context),
        _ => NotFound(context),
    };

    public Task Ready(HttpContext context)
    {
        var ready = config.Current is not null;
        context.Response.StatusCode = ready ? 200 : 503;
        return context.Response.WriteAsync(ready ? "LIVE\n" : "NOT READY: no config yet\n");
    }

    private Task ConfigDump(HttpContext context)
    {
        if (config.Current is not { } current) return Ready(context);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Translation.Json.ProxyConfigJson.Write(current.Source));
    }

    /// <summary>The workload certificate in force and a gateway's credentials (istioctl proxy-config secret's source): never a key.</summary>
    private Task Certs(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var workload = config.Identity.Enabled
            ? Switchboard.Identity.Workload.CertificateInfoJson.Serialize(Switchboard.Identity.Workload.CertificateInfo.From(config.Identity.Current, time.GetUtcNow()))
            : "";
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Gateway.CredentialStatusJson.Write(w, credentials.Statuses(), time.GetUtcNow());
            w.WriteEndObject();
        }
        // {"credentials":[…]} spliced after the workload certificates, which have their own serializer.
        var gateway = Encoding.UTF8.GetString(buffer.ToArray())[1..^1];
        return context.Response.WriteAsync("{\"certificates\":[" + workload + "]," + gateway + "}\n");
    }

    private Task Clusters(HttpContext context)
    {
        var sb = new StringBuilder();
        foreach (var cluster in (config.Current?.Clusters ?? []).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{cluster.Name}::active_requests::{cluster.ActiveRequests}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{cluster.Name}::retry_overflow::{cluster.RetryOverflows}\n");
            foreach (var endpoint in cluster.Endpoints)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{cluster.Name}::{endpoint.HostPort}::rq_active::{endpoint.ActiveRequests}\n");
                sb.Append(CultureInfo.InvariantCulture, $"{cluster.Name}::{endpoint.HostPort}::rq_success::{endpoint.Successes}\n");
                sb.Append(CultureInfo.InvariantCulture, $"{cluster.Name}::{endpoint.HostPort}::rq_error::{endpoint.Failures}\n");
                var health = cluster.Outlier?.IsEjected(endpoint) == true ? "/failed_outlier_check" : "healthy";
                sb.Append(CultureInfo.InvariantCulture, $"{cluster.Name}::{endpoint.HostPort}::health_flags::{health}\n");
            }
        }
        if (config.LastError is { } error) sb.Append("last_rejected_config::").Append(error).Append('\n');
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(sb.ToString());
    }

    /// <summary>Envoy-style counters per cluster (<c>cluster.NAME.counter: value</c>), for scripts and debugging.</summary>
    private Task Stats(HttpContext context)
    {
        var sb = new StringBuilder();
        foreach (var cluster in (config.Current?.Clusters ?? []).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var prefix = $"cluster.{cluster.Name}.";
            var total = cluster.Endpoints.Sum(e => e.Successes + e.Failures);
            var healthy = cluster.Endpoints.Count(e => cluster.Outlier?.IsEjected(e) != true);
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}membership_healthy: {healthy}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}membership_total: {cluster.Endpoints.Length}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}outlier_detection.ejections_enforced_total: {cluster.Outlier?.Ejections ?? 0}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}upstream_rq_active: {cluster.ActiveRequests}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}upstream_rq_error: {cluster.Endpoints.Sum(e => e.Failures)}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}upstream_rq_pending_overflow: {cluster.Overflows}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}upstream_rq_retry: {cluster.RetriesTaken}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}upstream_rq_retry_overflow: {cluster.RetryOverflows}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}upstream_rq_total: {total}\n");
        }
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(sb.ToString());
    }

    private Task Quit(HttpContext context)
    {
        lifetime.StopApplication();
        return context.Response.WriteAsync("OK\n");
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return context.Response.WriteAsync("admin commands: /config_dump /certs /stats /clusters /ready /quitquitquit (POST)\n");
    }
}
