using Microsoft.AspNetCore.Http;
using Switchboard.Proxy.Runtime;
using Switchboard.Proxy.Telemetry;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Pipeline;

/// <summary>VirtualService fault injection: delays and aborts, each for its own percentage of requests.</summary>
internal static class Faults
{
    /// <summary>Applies the fault; true when the request was aborted and answered.</summary>
    public static async Task<bool> ApplyAsync(HttpContext context, RequestRecord record, FaultPolicy fault, RandomSource random, TimeProvider time)
    {
        if (fault.Delay is { } delay && random.Chance(fault.DelayPercentage))
        {
            record.Flag(ResponseFlags.DelayInjected);
            await Task.Delay(delay, time, context.RequestAborted);
        }
        if ((fault.AbortStatus is not null || fault.AbortGrpcStatus is not null) && random.Chance(fault.AbortPercentage))
        {
            if (fault.AbortGrpcStatus is { } grpc)
            {
                // gRPC aborts are trailers-only responses: HTTP 200 with the status in grpc-status.
                record.Flag(ResponseFlags.FaultInjected);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = GrpcCodes.Of(grpc);
                context.Response.Headers["grpc-message"] = "fault filter abort";
                return true;
            }
            await Responder.Local(context, record, fault.AbortStatus!.Value, ResponseFlags.FaultInjected, "fault filter abort", "fault_filter_abort");
            return true;
        }
        return false;
    }
}

/// <summary>gRPC status names (as VirtualService writes them) to their numbers.</summary>
internal static class GrpcCodes
{
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    public static string Of(string name)
    {
        var index = Array.IndexOf(Names, name.ToUpperInvariant());
        return index >= 0 ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : name;
    }
}
