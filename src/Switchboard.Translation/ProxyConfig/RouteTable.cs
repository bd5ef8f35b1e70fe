namespace Switchboard.Translation.ProxyConfig;

/// <summary>The routes for one outbound port: virtual hosts chosen by the request's authority.</summary>
public sealed record RouteTable
{
    /// <summary>The port number as text, Istio's route name for outbound sidecar routes (e.g. <c>8080</c>).</summary>
    public required string Name { get; init; }

    public required int Port { get; init; }

    /// <summary>Virtual hosts ordered by name; a domain appears in at most one of them.</summary>
    public IReadOnlyList<VirtualHost> VirtualHosts { get; init; } = [];
}

/// <summary>
/// One service on one port: every authority it answers to (<c>svc</c>, <c>svc:8080</c>, <c>svc.ns</c>,
/// FQDN, …, as Istio's sidecar route names them) and its ordered routes (first match wins).
/// </summary>
public sealed record VirtualHost
{
    /// <summary><c>host:port</c>, e.g. <c>payment-service.production.svc.cluster.local:8080</c>.</summary>
    public required string Name { get; init; }

    public IReadOnlyList<string> Domains { get; init; } = [];
    public IReadOnlyList<Route> Routes { get; init; } = [];

    /// <summary>Every request is answered with a 301 to the same URL over HTTPS (a gateway server's <c>tls.httpsRedirect</c>).</summary>
    public bool HttpsRedirect { get; init; }
}

/// <summary>A route: when any of its matches holds (none means always), do its action.</summary>
public sealed record Route
{
    /// <summary>The VirtualService rule's name, or <c>default</c> for the route Istio adds when none applies.</summary>
    public string Name { get; init; } = "default";

    /// <summary><c>namespace/name</c> of the VirtualService this route came from, if any.</summary>
    public string? VirtualService { get; init; }

    public IReadOnlyList<RouteMatch> Matches { get; init; } = [];

    /// <summary>Exactly one of Forward, Redirect, DirectResponse.</summary>
    public ForwardAction? Forward { get; init; }

    public RedirectAction? Redirect { get; init; }
    public DirectResponseAction? DirectResponse { get; init; }

    /// <summary>Client-side fault injection (when set, timeout and retries are off, as in Istio).</summary>
    public FaultPolicy? Fault { get; init; }

    /// <summary>Header changes applied by this route (on top of per-destination ones).</summary>
    public HeaderChanges RequestHeaders { get; init; } = HeaderChanges.None;

    public HeaderChanges ResponseHeaders { get; init; } = HeaderChanges.None;
    public CorsRule? Cors { get; init; }
}
