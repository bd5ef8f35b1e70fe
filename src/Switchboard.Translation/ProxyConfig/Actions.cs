namespace Switchboard.Translation.ProxyConfig;

/// <summary>Send the request to one of weighted clusters, with timeout, retries, rewrite and mirrors.</summary>
public sealed record ForwardAction
{
    public IReadOnlyList<WeightedCluster> Clusters { get; init; } = [];

    /// <summary>Whole-request budget including retries; null means none (Istio's default).</summary>
    public TimeSpan? Timeout { get; init; }

    public RetryPolicy Retry { get; init; } = RetryPolicy.IstioDefault;
    public RewriteRule? Rewrite { get; init; }
    public IReadOnlyList<MirrorRule> Mirrors { get; init; } = [];
}

/// <summary>One destination cluster with its share (weight / sum of weights) and its own header changes.</summary>
public sealed record WeightedCluster
{
    public required string Cluster { get; init; }
    public int Weight { get; init; } = 1;
    public HeaderChanges RequestHeaders { get; init; } = HeaderChanges.None;
    public HeaderChanges ResponseHeaders { get; init; } = HeaderChanges.None;

    /// <summary>Authority to send to this destination (its <c>headers.request.set.host</c>); a route-level rewrite wins over it.</summary>
    public string? AuthorityRewrite { get; init; }
}

/// <summary>Retries: at most 1 + Attempts tries, each within PerTryTimeout, on the listed conditions.</summary>
public sealed record RetryPolicy
{
    public int Attempts { get; init; }
    public TimeSpan? PerTryTimeout { get; init; }

    /// <summary>Envoy retry-on tokens (<c>5xx</c>, <c>gateway-error</c>, <c>connect-failure</c>, …).</summary>
    public IReadOnlyList<string> RetryOn { get; init; } = [];

    /// <summary>Bare status codes from retryOn (<c>"503,reset"</c> → 503).</summary>
    public IReadOnlyList<int> RetriableStatusCodes { get; init; } = [];

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Prefer a different host for each retry (Istio's default, except with consistent hashing).</summary>
    public bool RetryOtherHosts { get; init; } = true;

    public static RetryPolicy None { get; } = new();

    /// <summary>What Istio uses when a route sets no <c>retries</c>: 2 attempts on connection-level failures.</summary>
    public static RetryPolicy IstioDefault { get; } = new()
    {
        Attempts = 2,
        RetryOn = ["connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"],
        // Istio's default also retries an upstream 503 response (pilot's retry defaults, unless
        // EXCLUDE_503_FROM_DEFAULT_RETRIES is set).
        RetriableStatusCodes = [503],
    };
}

/// <summary>Replace the matched path prefix (or the whole path), the authority, or rewrite by regex.</summary>
public sealed record RewriteRule
{
    public string? Uri { get; init; }
    public string? Authority { get; init; }
    public string? RegexMatch { get; init; }
    public string? RegexReplacement { get; init; }
}

/// <summary>A shadow copy of the request to another cluster for a percentage of requests.</summary>
public sealed record MirrorRule(string Cluster, double Percentage);

/// <summary>An HTTP redirect answered by the proxy.</summary>
public sealed record RedirectAction
{
    public string? Path { get; init; }
    public string? PrefixRewrite { get; init; }
    public string? Authority { get; init; }
    public int? Port { get; init; }

    /// <summary><c>FROM_PROTOCOL_DEFAULT</c> or <c>FROM_REQUEST_PORT</c>, if set.</summary>
    public string? DerivePort { get; init; }

    public string? Scheme { get; init; }
    public int Status { get; init; } = 301;
}

/// <summary>A fixed response answered by the proxy.</summary>
public sealed record DirectResponseAction(int Status, string? Body);

/// <summary>Delay and/or abort a percentage of requests.</summary>
public sealed record FaultPolicy
{
    public TimeSpan? Delay { get; init; }
    public double DelayPercentage { get; init; }
    public int? AbortStatus { get; init; }
    public string? AbortGrpcStatus { get; init; }
    public double AbortPercentage { get; init; }
}

/// <summary>Header set/add/remove operations.</summary>
public sealed record HeaderChanges
{
    public IReadOnlyList<KeyValuePair<string, string>> Set { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Add { get; init; } = [];
    public IReadOnlyList<string> Remove { get; init; } = [];

    public static HeaderChanges None { get; } = new();

    public bool IsEmpty => Set.Count == 0 && Add.Count == 0 && Remove.Count == 0;
}

/// <summary>A CORS policy: allowed origins (matchers), methods, headers, max age, credentials.</summary>
public sealed record CorsRule
{
    public IReadOnlyList<StringMatcher> AllowOrigins { get; init; } = [];
    public IReadOnlyList<string> AllowMethods { get; init; } = [];
    public IReadOnlyList<string> AllowHeaders { get; init; } = [];
    public IReadOnlyList<string> ExposeHeaders { get; init; } = [];
    public TimeSpan? MaxAge { get; init; }
    public bool AllowCredentials { get; init; }

    /// <summary>Preflights that match no allowed origin go on to the upstream (Istio's default); false answers them.</summary>
    public bool ForwardUnmatchedPreflights { get; init; } = true;
}
