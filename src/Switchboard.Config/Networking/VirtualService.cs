using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>VirtualService spec (networking.istio.io): where requests for a set of hosts go. See reference/istio-api.md §1.1.</summary>
public sealed record VirtualServiceSpec
{
    /// <summary>Hosts this applies to; short names resolve in the VirtualService's namespace.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Gateways (<c>ns/name</c> or <c>name</c>) and <c>mesh</c>; empty means <c>mesh</c> only.</summary>
    public IReadOnlyList<string> Gateways { get; init; } = [];

    public IReadOnlyList<HttpRoute> Http { get; init; } = [];
    public IReadOnlyList<TlsRoute> Tls { get; init; } = [];
    public IReadOnlyList<TcpRoute> Tcp { get; init; } = [];

    /// <summary>Namespaces that see this VirtualService; empty means all.</summary>
    public IReadOnlyList<string> ExportTo { get; init; } = [];
}

/// <summary>One HTTP rule: matches, then route / redirect / directResponse / delegate. First match wins.</summary>
public sealed record HttpRoute
{
    public string? Name { get; init; }
    public IReadOnlyList<HttpMatchRequest> Match { get; init; } = [];
    public IReadOnlyList<HttpRouteDestination> Route { get; init; } = [];
    public HttpRedirect? Redirect { get; init; }
    public HttpDirectResponse? DirectResponse { get; init; }
    public RouteDelegate? Delegate { get; init; }
    public HttpRewrite? Rewrite { get; init; }
    public Types.Duration? Timeout { get; init; }
    public HttpRetry? Retries { get; init; }
    public HttpFaultInjection? Fault { get; init; }
    public Destination? Mirror { get; init; }
    public Percent? MirrorPercentage { get; init; }

    [DeprecatedField("use mirrorPercentage")]
    public uint? MirrorPercent { get; init; }

    public IReadOnlyList<HttpMirrorPolicy> Mirrors { get; init; } = [];
    public CorsPolicy? CorsPolicy { get; init; }
    public Headers? Headers { get; init; }
}

/// <summary>Conditions on a request; fields are AND-ed, the list of matches OR-ed.</summary>
public sealed record HttpMatchRequest
{
    public string? Name { get; init; }
    public StringMatch? Uri { get; init; }
    public StringMatch? Scheme { get; init; }
    public StringMatch? Method { get; init; }
    public StringMatch? Authority { get; init; }
    public IReadOnlyDictionary<string, StringMatch> Headers { get; init; } = EmptyMatches;
    public IReadOnlyDictionary<string, StringMatch> WithoutHeaders { get; init; } = EmptyMatches;
    public IReadOnlyDictionary<string, StringMatch> QueryParams { get; init; } = EmptyMatches;
    public uint? Port { get; init; }
    public IReadOnlyDictionary<string, string> SourceLabels { get; init; } = ObjectMeta.Empty;
    public IReadOnlyList<string> Gateways { get; init; } = [];
    public string? SourceNamespace { get; init; }
    public bool? IgnoreUriCase { get; init; }
    public string? StatPrefix { get; init; }

    internal static readonly IReadOnlyDictionary<string, StringMatch> EmptyMatches = new Dictionary<string, StringMatch>();
}

/// <summary>A weighted destination of a route, with its own header changes.</summary>
public sealed record HttpRouteDestination
{
    [RequiredField]
    public Destination? Destination { get; init; }

    public int? Weight { get; init; }
    public Headers? Headers { get; init; }
}

/// <summary>A service (and optionally subset and port) traffic is sent to.</summary>
public sealed record Destination
{
    [RequiredField]
    public string? Host { get; init; }

    public string? Subset { get; init; }
    public PortSelector? Port { get; init; }
}

/// <summary>A port by number.</summary>
public sealed record PortSelector
{
    public uint Number { get; init; }
}

/// <summary>Where <c>derivePort</c> takes the redirect's port from.</summary>
public enum RedirectPortSelection { FromProtocolDefault, FromRequestPort }

/// <summary>An HTTP redirect response (default 301).</summary>
public sealed record HttpRedirect
{
    public string? Uri { get; init; }
    public string? Authority { get; init; }
    public uint? Port { get; init; }
    public RedirectPortSelection? DerivePort { get; init; }
    public string? Scheme { get; init; }
    public uint? RedirectCode { get; init; }
    public string? PrefixRewrite { get; init; }
}

/// <summary>A fixed response served by the proxy.</summary>
public sealed record HttpDirectResponse
{
    public uint Status { get; init; }
    public HttpBody? Body { get; init; }
}

/// <summary>Body of a direct response: a string or base64 bytes.</summary>
public sealed record HttpBody
{
    public string? String { get; init; }
    public string? Bytes { get; init; }
}

/// <summary>Hands the route to another VirtualService (one level only).</summary>
public sealed record RouteDelegate
{
    public string? Name { get; init; }
    public string? Namespace { get; init; }
}

/// <summary>Rewrites the path or authority before forwarding.</summary>
public sealed record HttpRewrite
{
    public string? Uri { get; init; }
    public string? Authority { get; init; }
    public RegexRewrite? UriRegexRewrite { get; init; }
}

/// <summary>An RE2 match and its replacement (<c>\1</c> for groups).</summary>
public sealed record RegexRewrite
{
    public string? Match { get; init; }
    public string? Rewrite { get; init; }
}

/// <summary>Retry policy: attempts, per-try timeout, conditions.</summary>
public sealed record HttpRetry
{
    public int Attempts { get; init; }
    public Types.Duration? PerTryTimeout { get; init; }
    public string? RetryOn { get; init; }
    public bool? RetryRemoteLocalities { get; init; }
    public bool? RetryIgnorePreviousHosts { get; init; }
    public Types.Duration? Backoff { get; init; }
}

/// <summary>Delays and aborts injected on the client side.</summary>
public sealed record HttpFaultInjection
{
    public FaultDelay? Delay { get; init; }
    public FaultAbort? Abort { get; init; }
}

/// <summary>A fixed delay applied to a percentage of requests.</summary>
public sealed record FaultDelay
{
    public Types.Duration? FixedDelay { get; init; }
    public Types.Duration? ExponentialDelay { get; init; }
    public Percent? Percentage { get; init; }

    [DeprecatedField("use percentage")]
    public int? Percent { get; init; }
}

/// <summary>An abort (HTTP status or gRPC status) for a percentage of requests.</summary>
public sealed record FaultAbort
{
    public int? HttpStatus { get; init; }
    public string? GrpcStatus { get; init; }
    public string? Http2Error { get; init; }
    public Percent? Percentage { get; init; }
}

/// <summary>One mirror destination with its own percentage.</summary>
public sealed record HttpMirrorPolicy
{
    [RequiredField]
    public Destination? Destination { get; init; }

    public Percent? Percentage { get; init; }
}

/// <summary>What to do with CORS preflights no policy matches.</summary>
public enum UnmatchedPreflights { Unspecified, Forward, Ignore }

/// <summary>Cross-origin resource sharing policy.</summary>
public sealed record CorsPolicy
{
    public IReadOnlyList<StringMatch> AllowOrigins { get; init; } = [];

    [DeprecatedField("use allowOrigins")]
    public IReadOnlyList<string> AllowOrigin { get; init; } = [];

    public IReadOnlyList<string> AllowMethods { get; init; } = [];
    public IReadOnlyList<string> AllowHeaders { get; init; } = [];
    public IReadOnlyList<string> ExposeHeaders { get; init; } = [];
    public Types.Duration? MaxAge { get; init; }
    public bool? AllowCredentials { get; init; }
    public UnmatchedPreflights? UnmatchedPreflights { get; init; }
}

/// <summary>Header changes for requests and responses.</summary>
public sealed record Headers
{
    public HeaderOperations? Request { get; init; }
    public HeaderOperations? Response { get; init; }
}

/// <summary>Set, add (append) and remove header operations.</summary>
public sealed record HeaderOperations
{
    public IReadOnlyDictionary<string, string> Set { get; init; } = ObjectMeta.Empty;
    public IReadOnlyDictionary<string, string> Add { get; init; } = ObjectMeta.Empty;
    public IReadOnlyList<string> Remove { get; init; } = [];
}

/// <summary>A rule for non-terminated TLS, routed by SNI.</summary>
public sealed record TlsRoute
{
    public IReadOnlyList<TlsMatchAttributes> Match { get; init; } = [];
    public IReadOnlyList<RouteDestination> Route { get; init; } = [];
}

/// <summary>TLS connection match: SNI hosts, subnets, port, source.</summary>
public sealed record TlsMatchAttributes
{
    public IReadOnlyList<string> SniHosts { get; init; } = [];
    public IReadOnlyList<string> DestinationSubnets { get; init; } = [];
    public uint? Port { get; init; }
    public IReadOnlyDictionary<string, string> SourceLabels { get; init; } = ObjectMeta.Empty;
    public IReadOnlyList<string> Gateways { get; init; } = [];
    public string? SourceNamespace { get; init; }
}

/// <summary>A rule for opaque TCP.</summary>
public sealed record TcpRoute
{
    public IReadOnlyList<L4MatchAttributes> Match { get; init; } = [];
    public IReadOnlyList<RouteDestination> Route { get; init; } = [];
}

/// <summary>TCP connection match: subnets, port, source.</summary>
public sealed record L4MatchAttributes
{
    public IReadOnlyList<string> DestinationSubnets { get; init; } = [];
    public uint? Port { get; init; }
    public string? SourceSubnet { get; init; }
    public IReadOnlyDictionary<string, string> SourceLabels { get; init; } = ObjectMeta.Empty;
    public IReadOnlyList<string> Gateways { get; init; } = [];
    public string? SourceNamespace { get; init; }
}

/// <summary>A weighted L4 destination.</summary>
public sealed record RouteDestination
{
    [RequiredField]
    public Destination? Destination { get; init; }

    public int? Weight { get; init; }
}
