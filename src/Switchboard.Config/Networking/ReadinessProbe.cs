using Switchboard.Config.Binding;

namespace Switchboard.Config.Networking;

/// <summary>How a WorkloadGroup's workloads are checked for readiness: one of httpGet, tcpSocket, exec, grpc.</summary>
public sealed record ReadinessProbe
{
    public int? InitialDelaySeconds { get; init; }

    /// <summary>Default 1.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Default 10.</summary>
    public int? PeriodSeconds { get; init; }

    /// <summary>Default 1.</summary>
    public int? SuccessThreshold { get; init; }

    /// <summary>Default 3.</summary>
    public int? FailureThreshold { get; init; }

    public HttpHealthCheckConfig? HttpGet { get; init; }
    public TcpHealthCheckConfig? TcpSocket { get; init; }
    public ExecHealthCheckConfig? Exec { get; init; }
    public GrpcHealthCheckConfig? Grpc { get; init; }
}

/// <summary>An HTTP GET readiness check.</summary>
public sealed record HttpHealthCheckConfig
{
    public string? Path { get; init; }

    [RequiredField]
    public uint? Port { get; init; }

    public string? Host { get; init; }

    /// <summary><c>HTTP</c> or <c>HTTPS</c>.</summary>
    public string? Scheme { get; init; }

    public IReadOnlyList<HealthCheckHeader> HttpHeaders { get; init; } = [];
}

/// <summary>A header sent with an HTTP readiness check.</summary>
public sealed record HealthCheckHeader
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}

/// <summary>A TCP connect readiness check.</summary>
public sealed record TcpHealthCheckConfig
{
    public string? Host { get; init; }

    [RequiredField]
    public uint? Port { get; init; }
}

/// <summary>A command run on the workload; exit 0 means ready.</summary>
public sealed record ExecHealthCheckConfig
{
    [RequiredField]
    public IReadOnlyList<string> Command { get; init; } = [];
}

/// <summary>A gRPC health-protocol readiness check.</summary>
public sealed record GrpcHealthCheckConfig
{
    public uint? Port { get; init; }
    public string? Service { get; init; }
}
