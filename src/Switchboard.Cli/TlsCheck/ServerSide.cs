using Switchboard.Config.Security;
using Switchboard.Model;

namespace Switchboard.Cli.TlsCheck;

/// <summary>
/// One workload behind a service port, as a client sees it: whether a sidecar serves it, the mode its sidecar enforces
/// on the target port (<see cref="MtlsPolicy.For"/>), and the mode of its namespace alone (mesh- and namespace-wide
/// policies), which is all a client's auto mTLS can infer: it cannot see workload-selected policies.
/// </summary>
public sealed record ServerSide(bool HasSidecar, EffectiveMtls Mtls, MtlsMode NamespaceMode)
{
    /// <summary>What the SERVER column shows for it: the mode, or <c>-</c> for a workload without a sidecar (plain text).</summary>
    public string Display => HasSidecar ? Mtls.ModeName : "-";
}
