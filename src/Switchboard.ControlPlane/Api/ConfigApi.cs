using Microsoft.AspNetCore.Http;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Loading;
using Switchboard.ControlPlane.Store;

namespace Switchboard.ControlPlane.Api;

/// <summary>
/// The config API sbctl talks to (HTTP on the control plane's port 15014):
/// <c>POST /apis/apply</c> and <c>POST /apis/delete</c> take YAML (the file name in <c>?source=</c>, for error
/// locations); <c>GET /apis/resources?kind=&amp;namespace=&amp;name=</c> lists what is stored. After an apply
/// the whole mesh is analyzed and the findings about the applied resources come back as warnings:
/// a VirtualService whose subset does not exist yet is accepted (apply order must not matter), but said.
/// </summary>
public sealed class ConfigApi(FileConfigStore store)
{
    public async Task ApplyAsync(HttpContext context, bool delete)
    {
        var yaml = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var source = context.Request.Query["source"].FirstOrDefault() ?? "<request>";
        var result = delete ? store.Delete(yaml, source) : store.Apply(yaml, source);
        var warnings = result.Accepted && !delete ? Findings(yaml, source) : [];
        context.Response.StatusCode = result.Accepted ? 200 : 422;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(ApiJson.Result(result, warnings), context.RequestAborted);
    }

    public Task ListAsync(HttpContext context)
    {
        var kind = context.Request.Query["kind"].FirstOrDefault();
        var ns = context.Request.Query["namespace"].FirstOrDefault();
        var name = context.Request.Query["name"].FirstOrDefault();
        var selected = store.Resources
            .Where(r => kind is null || string.Equals(r.Kind.Kind, kind, StringComparison.OrdinalIgnoreCase))
            .Where(r => ns is null || r.Namespace == ns || r.Namespace.Length == 0)
            .Where(r => name is null || r.Name == name)
            .OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Kind.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(ApiJson.Resources(selected), context.RequestAborted);
    }

    /// <summary>Analysis findings (Warning and above) about the resources just applied, in the whole mesh's context.</summary>
    private IReadOnlyList<string> Findings(string yaml, string source)
    {
        var applied = new ConfigLoader().LoadText(yaml, source).Resources.Select(r => r.Key).ToHashSet();
        var loaded = new LoadResult(store.Resources, [], []);
        return new MeshAnalyzer().Analyze(loaded).Messages
            .Where(m => m.Level >= MessageLevel.Warning && m.Resource is { } key && applied.Contains(key))
            .Select(m => m.ToString())
            .ToList();
    }
}
