using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>An HTTP route's <c>fault</c>: a delay and/or an abort, each with a valid percentage.</summary>
internal static class FaultChecks
{
    /// <summary>gRPC status names Envoy understands (https://github.com/grpc/grpc/blob/master/doc/statuscodes.md).</summary>
    private static readonly HashSet<string> GrpcStatuses = new(StringComparer.Ordinal)
    {
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
        "DATA_LOSS", "UNAUTHENTICATED",
    };

    public static void Validate(ValidationContext context, string path, HttpFaultInjection? fault)
    {
        if (fault is null) return;
        if (fault.Delay is null && fault.Abort is null) context.Error(path, "fault needs a delay, an abort or both");
        if (fault.Delay is { } delay) Delay(context, $"{path}.delay", delay);
        if (fault.Abort is { } abort) Abort(context, $"{path}.abort", abort);
    }

    private static void Delay(ValidationContext context, string path, FaultDelay delay)
    {
        RouteDestinationChecks.Percentage(context, $"{path}.percentage", delay.Percentage);
        if (delay.Percent is { } percent) RouteDestinationChecks.PercentValue(context, $"{path}.percent", percent);
        if (delay.ExponentialDelay is not null) context.Error($"{path}.exponentialDelay", "exponentialDelay is not supported; use fixedDelay");
        else if (delay.FixedDelay is null) context.Error(path, "delay needs fixedDelay");
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.fixedDelay", delay.FixedDelay);
    }

    private static void Abort(ValidationContext context, string path, FaultAbort abort)
    {
        RouteDestinationChecks.Percentage(context, $"{path}.percentage", abort.Percentage);
        var set = (abort.HttpStatus is null ? 0 : 1) + (abort.GrpcStatus is null ? 0 : 1) + (abort.Http2Error is null ? 0 : 1);
        if (set == 0) context.Error(path, "abort needs one of httpStatus or grpcStatus");
        if (set > 1) context.Error(path, "only one of httpStatus, grpcStatus and http2Error may be set");
        if (abort.HttpStatus is { } status && status is < 200 or > 599) context.Error($"{path}.httpStatus", $"HTTP status {status} is not in 200..599");
        if (abort.GrpcStatus is { } grpc && !GrpcStatuses.Contains(grpc))
        {
            context.Error($"{path}.grpcStatus", $"\"{grpc}\" is not a gRPC status name (e.g. UNAVAILABLE, NOT_FOUND; numbers are not accepted)");
        }
        if (abort.Http2Error is not null) context.Error($"{path}.http2Error", "HTTP/2 error aborts are not supported");
    }
}
