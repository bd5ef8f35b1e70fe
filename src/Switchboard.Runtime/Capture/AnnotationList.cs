namespace Switchboard.Runtime.Capture;

/// <summary>
/// Parses annotations written on a command line, <c>key=value,key=value</c>. Values are themselves comma lists
/// (<c>includeOutboundIPRanges=10.0.0.0/8,172.16.0.0/12</c>), so a piece without '=' continues the previous value. A key
/// without '/' is taken to be under <c>traffic.sidecar.istio.io/</c>, so <c>excludeOutboundPorts=5432</c> is enough.
/// </summary>
public static class AnnotationList
{
    /// <summary>Merges every text into one dictionary (later keys win); throws <see cref="FormatException"/> naming the bad piece.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> texts)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            string? key = null;
            foreach (var piece in text.Split(','))
            {
                var equals = piece.IndexOf('=');
                if (equals < 0)
                {
                    if (key is null) throw new FormatException($"'{text}': expected key=value, got '{piece}'");
                    annotations[key] += "," + piece;
                    continue;
                }
                key = piece[..equals].Trim();
                if (key.Length == 0) throw new FormatException($"'{text}': '{piece}' has no key before '='");
                if (!key.Contains('/')) key = CaptureAnnotations.Prefix + key;
                annotations[key] = piece[(equals + 1)..];
            }
        }
        return annotations;
    }
}
