using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.VirtualServices;

/// <summary>
/// The seed's 12-second surprise: retries multiply time. With <c>attempts</c> retries a request makes up to
/// attempts+1 tries of <c>perTryTimeout</c> each; a route <c>timeout</c> shorter than that cuts the tries
/// off (SB0002), and no route timeout at all leaves callers waiting the whole product (SB0003).
/// Routes with a fault are skipped: Istio disables timeouts and retries on them.
/// </summary>
public sealed class RetryTimeoutAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.RetryTimeoutAnalyzer";
    public string Description => "Checks that retries fit within the route timeout and that retrying routes have one";
    public IReadOnlyList<string> Inputs => ["VirtualService"];

    public void Analyze(AnalysisContext context)
    {
        foreach (var vs in context.Mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            for (var i = 0; i < vs.Spec.Http.Count; i++)
            {
                var route = vs.Spec.Http[i];
                if (route.Retries is not { Attempts: > 0 } retries || route.Fault is not null) continue;
                var path = $"spec.http[{i}].retries";
                var tries = retries.Attempts + 1;
                var timeout = route.Timeout?.Value;
                var perTry = retries.PerTryTimeout?.Value;
                var label = route.Name is { Length: > 0 } n ? $"rule {n}" : $"rule #{i}";
                if (timeout is { } total && total > TimeSpan.Zero)
                {
                    if (perTry is { } each && each * tries > total)
                        context.Report(Catalogue.RetriesExceedTimeout, vs, path, label, Format(each), tries, Format(each * tries), Format(total));
                }
                else
                {
                    var bound = perTry is { } each
                        ? Format(each * tries)
                        : "an unbounded time";
                    var why = perTry is { } p
                        ? $"{tries} tries × perTryTimeout {Format(p)}; set timeout to the caller's budget"
                        : "neither timeout nor perTryTimeout is set";
                    context.Report(Catalogue.RetriesWithoutTimeout, vs, path, label, bound, why);
                }
            }
        }
    }

    private static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 && t.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)t.TotalSeconds}s" : $"{t.TotalMilliseconds:0.###}ms";
}
