using Switchboard.Config.Networking;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Translate;

/// <summary>
/// Compiles <c>fault</c>. An unset percentage injects nothing (reference/istio-api.md §1.1: "unset ⇒ no request
/// delayed/aborted"); the deprecated integer <c>percent</c> is read when <c>percentage</c> is absent. Exponential
/// delays and HTTP/2 errors are not supported (as in Istio) and drop that half of the fault.
/// </summary>
internal static class FaultBuilder
{
    public static FaultPolicy? Build(HttpFaultInjection? fault)
    {
        if (fault is null) return null;
        var delay = fault.Delay?.FixedDelay?.Value;
        var abortStatus = fault.Abort?.HttpStatus;
        var abortGrpc = fault.Abort?.HttpStatus is null ? fault.Abort?.GrpcStatus : null;
        var hasAbort = abortStatus is not null || !string.IsNullOrEmpty(abortGrpc);
        if (delay is null && !hasAbort) return null;
        return new FaultPolicy
        {
            Delay = delay,
            DelayPercentage = delay is null ? 0 : Clamp(fault.Delay!.Percentage?.Value ?? fault.Delay.Percent ?? 0),
            AbortStatus = abortStatus,
            AbortGrpcStatus = string.IsNullOrEmpty(abortGrpc) ? null : abortGrpc,
            AbortPercentage = hasAbort ? Clamp(fault.Abort!.Percentage?.Value ?? 0) : 0,
        };
    }

    private static double Clamp(double percent) => Math.Clamp(percent, 0, 100);
}
