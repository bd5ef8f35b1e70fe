using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>
/// One <c>HTTPRoute</c> of a VirtualService: what it does (route / redirect / directResponse / delegate,
/// with the mutual exclusions of Istio's validation [VAL]), then each part in turn.
/// </summary>
internal static class HttpRouteChecks
{
    /// <summary>Checks a route; <paramref name="inDelegate"/> when it belongs to a delegate VirtualService (one without hosts).</summary>
    public static void Validate(ValidationContext context, string path, HttpRoute route, bool inDelegate)
    {
        var isRoot = route.Delegate is not null && !inDelegate;
        if (isRoot) RootRoute(context, path, route);
        else Action(context, path, route, inDelegate);

        for (var i = 0; i < route.Match.Count; i++)
        {
            HttpMatchChecks.Validate(context, $"{path}.match[{i}]", route.Match[i], noRegex: isRoot || inDelegate);
        }
        HeaderOperationChecks.Validate(context, $"{path}.headers", route.Headers, route.Rewrite?.Authority);
        for (var i = 0; i < route.Route.Count; i++)
        {
            var destinationPath = $"{path}.route[{i}]";
            RouteDestinationChecks.Destination(context, $"{destinationPath}.destination", route.Route[i].Destination);
            HeaderOperationChecks.Validate(context, $"{destinationPath}.headers", route.Route[i].Headers, null);
        }
        RouteDestinationChecks.Weights(context, $"{path}.route", route.Route.Select(d => d.Weight).ToList());
        RedirectRewriteChecks.Redirect(context, $"{path}.redirect", route.Redirect);
        RedirectRewriteChecks.Rewrite(context, $"{path}.rewrite", route.Rewrite);
        DirectResponseChecks.Validate(context, $"{path}.directResponse", route.DirectResponse);
        RetryChecks.Validate(context, $"{path}.retries", route.Retries);
        FaultChecks.Validate(context, $"{path}.fault", route.Fault);
        CorsChecks.Validate(context, $"{path}.corsPolicy", route.CorsPolicy);
        DurationChecks.NonNegative(context, $"{path}.timeout", route.Timeout);
        Mirrors(context, path, route);
    }

    /// <summary>A route that delegates may only match; the delegate VirtualService does the rest.</summary>
    private static void RootRoute(ValidationContext context, string path, HttpRoute route)
    {
        if (route.Route.Count > 0) context.Error($"{path}.route", "a route with delegate must not also set route");
        if (route.Redirect is not null) context.Error($"{path}.redirect", "a route with delegate must not also set redirect");
        if (route.DirectResponse is not null) context.Error($"{path}.directResponse", "a route with delegate must not also set directResponse");
        var target = route.Delegate!;
        if (string.IsNullOrEmpty(target.Name)) context.Error($"{path}.delegate.name", "delegate name is required");
        else if (!HostNames.IsDnsSubdomain(target.Name)) context.Error($"{path}.delegate.name", $"\"{target.Name}\" is not a valid VirtualService name");
        if (target.Namespace is { } ns && !HostNames.IsDnsLabel(ns)) context.Error($"{path}.delegate.namespace", $"\"{ns}\" is not a valid namespace name");
    }

    private static void Action(ValidationContext context, string path, HttpRoute route, bool inDelegate)
    {
        if (inDelegate && route.Delegate is not null) context.Error($"{path}.delegate", "a delegate VirtualService cannot delegate again (only one level is supported)");
        var hasRoute = route.Route.Count > 0;
        if (!hasRoute && route.Redirect is null && route.DirectResponse is null && route.Delegate is null)
        {
            context.Error(path, "an HTTP route needs one of route, redirect, directResponse or delegate");
        }
        // [VAL]: what a redirect or a direct response replaces cannot be combined with it.
        if (route.Redirect is not null)
        {
            if (hasRoute) context.Error($"{path}.redirect", "route and redirect cannot both be set");
            if (route.Fault is not null) context.Error($"{path}.redirect", "fault and redirect cannot both be set");
            if (route.Rewrite is not null) context.Error($"{path}.redirect", "rewrite and redirect cannot both be set");
            if (route.DirectResponse is not null) context.Error($"{path}.redirect", "directResponse and redirect cannot both be set");
        }
        if (route.DirectResponse is not null)
        {
            if (hasRoute) context.Error($"{path}.directResponse", "route and directResponse cannot both be set");
            if (route.Fault is not null) context.Error($"{path}.directResponse", "fault and directResponse cannot both be set");
            if (route.Rewrite is not null) context.Error($"{path}.directResponse", "rewrite and directResponse cannot both be set");
        }
    }

    private static void Mirrors(ValidationContext context, string path, HttpRoute route)
    {
        if (route.Mirror is not null && route.Mirrors.Count > 0) context.Error($"{path}.mirrors", "mirror and mirrors cannot both be set");
        RouteDestinationChecks.Destination(context, $"{path}.mirror", route.Mirror);
        RouteDestinationChecks.Percentage(context, $"{path}.mirrorPercentage", route.MirrorPercentage);
        if (route.MirrorPercent is > 100) context.Error($"{path}.mirrorPercent", $"mirrorPercent {route.MirrorPercent} is over 100");
        for (var i = 0; i < route.Mirrors.Count; i++)
        {
            RouteDestinationChecks.Destination(context, $"{path}.mirrors[{i}].destination", route.Mirrors[i].Destination);
            RouteDestinationChecks.Percentage(context, $"{path}.mirrors[{i}].percentage", route.Mirrors[i].Percentage);
        }
    }
}
