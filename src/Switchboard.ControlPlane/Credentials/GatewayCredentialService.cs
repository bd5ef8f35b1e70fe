using Grpc.Core;
using Switchboard.ControlPlane.Discovery;
using Switchboard.Discovery.Protocol;
using Switchboard.Identity.Tokens;
using Switchboard.Model;

namespace Switchboard.ControlPlane.Credentials;

/// <summary>
/// Serves gateway TLS credentials (Istio's SDS for <c>credentialName</c>) to the gateway proxies that need them, and
/// to nobody else:
/// 1. only over TLS, with a valid bootstrap token (a plain-text caller is refused: a key never travels in the clear);
/// 2. only a Secret in the token's own namespace (Istio's rule: a gateway reads credentials where its workload runs);
/// 3. only one that a Gateway selecting the token's workload names, so a sidecar that shares the namespace cannot
///    read the gateway's key.
/// </summary>
public sealed class GatewayCredentialService(DiscoveryServer discovery, TokenVerifier tokens) : GatewayCredentials.GatewayCredentialsBase
{
    public override Task<Credential> Fetch(CredentialRequest request, ServerCallContext context)
    {
        if (context.GetHttpContext() is not { Request.IsHttps: true })
            throw new RpcException(new Status(StatusCode.PermissionDenied, "gateway credentials are served only on the TLS port"));
        var header = context.RequestHeaders.GetValue("authorization");
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        var verified = tokens.Verify(token);
        if (verified.Claims is not { } claims) throw new RpcException(new Status(StatusCode.Unauthenticated, $"bootstrap token: {verified.Detail}"));
        var snapshot = discovery.Snapshot;
        var ns = claims.Identity.Namespace;
        var labels = snapshot.FindWorkload($"{ns}/{claims.Workload}")?.Labels ?? new Dictionary<string, string>();
        if (!NamedByGatewayOf(snapshot, labels, request.Name))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"no Gateway selecting {ns}/{claims.Workload} names credential {request.Name}"));
        }
        if (GatewayCredentialSecret.Read(snapshot, ns, request.Name, out var problem) is not { } pem) throw new RpcException(new Status(StatusCode.NotFound, problem!));
        return Task.FromResult(new Credential { CertificateChain = pem.CertificateChain, PrivateKey = pem.PrivateKey, CaCertificates = pem.CaCertificates ?? "" });
    }

    private static bool NamedByGatewayOf(MeshSnapshot snapshot, IReadOnlyDictionary<string, string> labels, string name) =>
        snapshot.Gateways.Any(g => (g.Spec.Selector is not { Count: > 0 } selector || Selector.Matches(selector, labels))
            && g.Spec.Servers.Any(s => s.Tls is { } tls && (tls.CredentialName == name || tls.CredentialNames.Contains(name, StringComparer.Ordinal))));
}
