namespace Switchboard.Identity.Spiffe;

/// <summary>
/// Who a workload is, as Istio names it: a Kubernetes namespace and service account. This is what an
/// authenticated caller proves (bootstrap token, later a ServiceAccount token); the CA turns it into a SPIFFE ID.
/// </summary>
public sealed record WorkloadIdentity(string Namespace, string ServiceAccount)
{
    /// <summary>Istio's principal form without scheme or trust domain, for messages: <c>ns/foo/sa/bar</c>.</summary>
    public override string ToString() => $"ns/{Namespace}/sa/{ServiceAccount}";
}
