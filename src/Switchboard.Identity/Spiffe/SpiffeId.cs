using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Switchboard.Identity.Spiffe;

/// <summary>
/// A workload SPIFFE ID in Istio's shape, <c>spiffe://&lt;trust-domain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>, valid by
/// construction against the SPIFFE-ID spec (https://github.com/spiffe/spiffe/blob/main/standards/SPIFFE-ID.md).
/// </summary>
public sealed record SpiffeId
{
    /// <summary>Istio's default trust domain (MeshConfig <c>trustDomain</c>).</summary>
    public const string DefaultTrustDomain = "cluster.local";

    /// <summary>SPIFFE-ID §2.3: implementations must accept IDs up to this many bytes; longer ones are refused.</summary>
    public const int MaxLength = 2048;

    private const string Scheme = "spiffe://";

    private SpiffeId(string trustDomain, WorkloadIdentity workload)
    {
        TrustDomain = trustDomain;
        Workload = workload;
    }

    public string TrustDomain { get; }

    public WorkloadIdentity Workload { get; }

    public Uri Uri => new(ToString());

    /// <summary>Builds the ID, refusing any part the SPIFFE-ID spec forbids (the message names the part).</summary>
    public static SpiffeId Create(string trustDomain, WorkloadIdentity workload)
    {
        if (!IsValidTrustDomain(trustDomain))
            throw new ArgumentException($"trust domain '{trustDomain}' is not valid: SPIFFE-ID §2.1 allows 1-255 characters of lowercase a-z, 0-9, '.', '-', '_'", nameof(trustDomain));
        if (!IsValidSegment(workload.Namespace))
            throw new ArgumentException($"namespace '{workload.Namespace}' is not a valid SPIFFE path segment (SPIFFE-ID §2.2: a-z A-Z 0-9 . - _, not '.' or '..')", nameof(workload));
        if (!IsValidSegment(workload.ServiceAccount))
            throw new ArgumentException($"service account '{workload.ServiceAccount}' is not a valid SPIFFE path segment (SPIFFE-ID §2.2: a-z A-Z 0-9 . - _, not '.' or '..')", nameof(workload));
        return new SpiffeId(trustDomain, workload);
    }

    /// <summary>
    /// Parses a SPIFFE ID received from someone else (a peer certificate's URI SAN), checking every rule of the
    /// SPIFFE-ID spec and then Istio's <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> shape. The text is taken byte for byte:
    /// no case folding, no percent-decoding, no dot-segment removal, so what is checked is what was presented.
    /// The scheme must be lowercase <c>spiffe</c>, as go-spiffe requires, although the spec calls it case-insensitive.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SpiffeId? id, out SpiffeIdError error)
    {
        id = null;
        error = Check(text, out var trustDomain, out var segments);
        if (error != SpiffeIdError.None) return false;
        if (segments is not ["ns", var ns, "sa", var sa])
        {
            error = SpiffeIdError.NotWorkloadPath;
            return false;
        }
        id = new SpiffeId(trustDomain, new WorkloadIdentity(ns, sa));
        return true;
    }

    private static SpiffeIdError Check(string? text, out string trustDomain, out string[] segments)
    {
        trustDomain = "";
        segments = [];
        if (text is null || !text.StartsWith(Scheme, StringComparison.Ordinal)) return SpiffeIdError.NotSpiffeScheme;
        if (Encoding.UTF8.GetByteCount(text) > MaxLength) return SpiffeIdError.TooLong;
        var rest = text.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        trustDomain = (slash < 0 ? rest : rest[..slash]).ToString();
        // '@', ':', '%', '?', '#' and uppercase all fall outside the trust domain's character set.
        if (!IsValidTrustDomain(trustDomain)) return SpiffeIdError.InvalidTrustDomain;
        if (slash < 0) return SpiffeIdError.MissingPath;
        // A trailing '/' leaves an empty last segment, "spiffe://td/" an empty only one: both invalid.
        segments = rest[(slash + 1)..].ToString().Split('/');
        return segments.All(IsValidSegment) ? SpiffeIdError.None : SpiffeIdError.InvalidPath;
    }

    /// <summary>SPIFFE-ID §2.1: lowercase letters, digits, dot, dash, underscore; no port, no userinfo, no percent-encoding; at most 255 bytes.</summary>
    public static bool IsValidTrustDomain(string? trustDomain) =>
        !string.IsNullOrEmpty(trustDomain)
        && Encoding.UTF8.GetByteCount(trustDomain) <= 255
        && trustDomain.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_');

    /// <summary>SPIFFE-ID §2.2: a non-empty segment of letters, digits, dot, dash, underscore that is not '.' or '..'.</summary>
    public static bool IsValidSegment(string? segment) =>
        !string.IsNullOrEmpty(segment)
        && segment is not "." and not ".."
        && segment.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '-' or '_');

    public override string ToString() => $"spiffe://{TrustDomain}/ns/{Workload.Namespace}/sa/{Workload.ServiceAccount}";
}
