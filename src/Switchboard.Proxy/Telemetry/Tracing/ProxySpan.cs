using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Proxy.Telemetry.Tracing;

/// <summary>
/// The span of one request this proxy samples and reports: started when the request arrives, named, tagged and ended
/// when its response is done. Ending hands it to its pipeline's batch queue, which never waits on the collector.
/// </summary>
internal sealed class ProxySpan(Activity activity, TracingSide side, string requestId, TimeProvider time)
{
    /// <summary>Names, tags and ends the span; <paramref name="failed"/>: the handler threw (the caller gets a 500).</summary>
    public void End(HttpContext context, RequestRecord record, bool failed = false)
    {
        activity.DisplayName = SpanName.Of(side.Kind, context, record, side.Namespace);
        SpanAttributes.Fill(activity, side, context, record, requestId, failed);
        activity.SetEndTime(time.GetUtcNow().UtcDateTime);
        // Stopping restores Activity.Current to what it was at start; the async flow's value is kept as it is now.
        var current = Activity.Current;
        activity.Stop();
        Activity.Current = current;
    }
}
