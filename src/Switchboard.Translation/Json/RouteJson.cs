using System.Text.Json;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Json;

/// <summary>Writes route tables: virtual hosts, routes, matches and actions.</summary>
internal static class RouteJson
{
    public static void WriteTable(Utf8JsonWriter w, RouteTable table)
    {
        w.WriteStartObject();
        w.WriteString("name", table.Name);
        w.WriteNumber("port", table.Port);
        JsonParts.List(w, "virtualHosts", table.VirtualHosts, WriteVirtualHost);
        w.WriteEndObject();
    }

    public static void WriteTcpService(Utf8JsonWriter w, TcpService service)
    {
        w.WriteStartObject();
        w.WriteString("name", service.Name);
        w.WriteNumber("port", service.Port);
        JsonParts.Strings(w, "domains", service.Domains);
        JsonParts.List(w, "routes", service.Routes, WriteL4Route);
        w.WriteEndObject();
    }

    public static void WriteL4Route(Utf8JsonWriter w, L4Route route)
    {
        w.WriteStartObject();
        w.WriteString("name", route.Name);
        JsonParts.String(w, "virtualService", route.VirtualService);
        JsonParts.Strings(w, "sniHosts", route.SniHosts);
        JsonParts.List(w, "clusters", route.Clusters, WriteWeightedCluster);
        w.WriteEndObject();
    }

    private static void WriteVirtualHost(Utf8JsonWriter w, VirtualHost host)
    {
        w.WriteStartObject();
        w.WriteString("name", host.Name);
        JsonParts.Strings(w, "domains", host.Domains);
        if (host.HttpsRedirect) w.WriteBoolean("httpsRedirect", true);
        JsonParts.List(w, "routes", host.Routes, WriteRoute);
        w.WriteEndObject();
    }

    private static void WriteRoute(Utf8JsonWriter w, Route route)
    {
        w.WriteStartObject();
        w.WriteString("name", route.Name);
        JsonParts.String(w, "virtualService", route.VirtualService);
        JsonParts.List(w, "matches", route.Matches, WriteMatch);
        if (route.Forward is { } forward) WriteForward(w, forward);
        if (route.Redirect is { } redirect) WriteRedirect(w, redirect);
        if (route.DirectResponse is { } direct)
        {
            w.WriteStartObject("directResponse");
            w.WriteNumber("status", direct.Status);
            JsonParts.String(w, "body", direct.Body);
            w.WriteEndObject();
        }
        if (route.Fault is { } fault) WriteFault(w, fault);
        WriteHeaders(w, "requestHeaders", route.RequestHeaders);
        WriteHeaders(w, "responseHeaders", route.ResponseHeaders);
        if (route.Cors is { } cors) WriteCors(w, cors);
        w.WriteEndObject();
    }

    private static void WriteMatch(Utf8JsonWriter w, RouteMatch match)
    {
        w.WriteStartObject();
        JsonParts.String(w, "name", match.Name);
        WriteMatcher(w, "path", match.Path);
        WriteMatcher(w, "method", match.Method);
        WriteMatcher(w, "authority", match.Authority);
        WriteMatcher(w, "scheme", match.Scheme);
        JsonParts.List(w, "headers", match.Headers, WriteKeyed);
        JsonParts.List(w, "queryParameters", match.QueryParameters, WriteKeyed);
        JsonParts.Number(w, "port", match.Port);
        w.WriteEndObject();
    }

    private static void WriteMatcher(Utf8JsonWriter w, string name, StringMatcher? matcher)
    {
        if (matcher is null) return;
        w.WritePropertyName(name);
        WriteMatcherValue(w, matcher);
    }

    private static void WriteMatcherValue(Utf8JsonWriter w, StringMatcher matcher)
    {
        w.WriteStartObject();
        JsonParts.Enum(w, "kind", (MatchKind?)matcher.Kind);
        if (matcher.Kind != MatchKind.Present) w.WriteString("value", matcher.Value);
        JsonParts.Flag(w, "ignoreCase", matcher.IgnoreCase);
        w.WriteEndObject();
    }

    private static void WriteKeyed(Utf8JsonWriter w, KeyedMatcher keyed)
    {
        w.WriteStartObject();
        w.WriteString("name", keyed.Name);
        w.WritePropertyName("matcher");
        WriteMatcherValue(w, keyed.Matcher);
        JsonParts.Flag(w, "invert", keyed.Invert);
        w.WriteEndObject();
    }

    private static void WriteForward(Utf8JsonWriter w, ForwardAction forward)
    {
        w.WriteStartObject("forward");
        JsonParts.List(w, "clusters", forward.Clusters, WriteWeightedCluster);
        JsonParts.Duration(w, "timeout", forward.Timeout);
        w.WriteStartObject("retry");
        w.WriteNumber("attempts", forward.Retry.Attempts);
        JsonParts.Duration(w, "perTryTimeout", forward.Retry.PerTryTimeout);
        JsonParts.Strings(w, "retryOn", forward.Retry.RetryOn);
        JsonParts.List(w, "retriableStatusCodes", forward.Retry.RetriableStatusCodes, (writer, code) => writer.WriteNumberValue(code));
        JsonParts.Duration(w, "baseBackoff", forward.Retry.BaseBackoff);
        JsonParts.Flag(w, "retryOtherHosts", forward.Retry.RetryOtherHosts);
        w.WriteEndObject();
        if (forward.Rewrite is { } rewrite)
        {
            w.WriteStartObject("rewrite");
            JsonParts.String(w, "uri", rewrite.Uri);
            JsonParts.String(w, "authority", rewrite.Authority);
            JsonParts.String(w, "regexMatch", rewrite.RegexMatch);
            JsonParts.String(w, "regexReplacement", rewrite.RegexReplacement);
            w.WriteEndObject();
        }
        JsonParts.List(w, "mirrors", forward.Mirrors, (writer, mirror) =>
        {
            writer.WriteStartObject();
            writer.WriteString("cluster", mirror.Cluster);
            writer.WriteNumber("percentage", mirror.Percentage);
            writer.WriteEndObject();
        });
        w.WriteEndObject();
    }

    private static void WriteWeightedCluster(Utf8JsonWriter w, WeightedCluster cluster)
    {
        w.WriteStartObject();
        w.WriteString("cluster", cluster.Cluster);
        w.WriteNumber("weight", cluster.Weight);
        WriteHeaders(w, "requestHeaders", cluster.RequestHeaders);
        WriteHeaders(w, "responseHeaders", cluster.ResponseHeaders);
        JsonParts.String(w, "authorityRewrite", cluster.AuthorityRewrite);
        w.WriteEndObject();
    }

    private static void WriteRedirect(Utf8JsonWriter w, RedirectAction redirect)
    {
        w.WriteStartObject("redirect");
        JsonParts.String(w, "path", redirect.Path);
        JsonParts.String(w, "prefixRewrite", redirect.PrefixRewrite);
        JsonParts.String(w, "authority", redirect.Authority);
        JsonParts.Number(w, "port", redirect.Port);
        JsonParts.String(w, "derivePort", redirect.DerivePort);
        JsonParts.String(w, "scheme", redirect.Scheme);
        w.WriteNumber("status", redirect.Status);
        w.WriteEndObject();
    }

    private static void WriteFault(Utf8JsonWriter w, FaultPolicy fault)
    {
        w.WriteStartObject("fault");
        if (fault.Delay is not null)
        {
            JsonParts.Duration(w, "delay", fault.Delay);
            JsonParts.Number(w, "delayPercentage", fault.DelayPercentage);
        }
        if (fault.AbortStatus is not null || fault.AbortGrpcStatus is not null)
        {
            JsonParts.Number(w, "abortStatus", fault.AbortStatus);
            JsonParts.String(w, "abortGrpcStatus", fault.AbortGrpcStatus);
            JsonParts.Number(w, "abortPercentage", fault.AbortPercentage);
        }
        w.WriteEndObject();
    }

    private static void WriteHeaders(Utf8JsonWriter w, string name, HeaderChanges changes)
    {
        if (changes.IsEmpty) return;
        w.WriteStartObject(name);
        WritePairs(w, "set", changes.Set);
        WritePairs(w, "add", changes.Add);
        JsonParts.Strings(w, "remove", changes.Remove);
        w.WriteEndObject();
    }

    /// <summary>Header pairs as a list of single-entry objects: order is kept and a name may repeat.</summary>
    private static void WritePairs(Utf8JsonWriter w, string name, IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        JsonParts.List(w, name, pairs, (writer, pair) =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", pair.Key);
            writer.WriteString("value", pair.Value);
            writer.WriteEndObject();
        });

    private static void WriteCors(Utf8JsonWriter w, CorsRule cors)
    {
        w.WriteStartObject("cors");
        JsonParts.List(w, "allowOrigins", cors.AllowOrigins, WriteMatcherValue);
        JsonParts.Strings(w, "allowMethods", cors.AllowMethods);
        JsonParts.Strings(w, "allowHeaders", cors.AllowHeaders);
        JsonParts.Strings(w, "exposeHeaders", cors.ExposeHeaders);
        JsonParts.Duration(w, "maxAge", cors.MaxAge);
        JsonParts.Flag(w, "allowCredentials", cors.AllowCredentials);
        JsonParts.Flag(w, "forwardUnmatchedPreflights", cors.ForwardUnmatchedPreflights);
        w.WriteEndObject();
    }
}
