using Switchboard.Model;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Proxy.Gateway;

/// <summary>Where a gateway gets the PEM of a <c>credentialName</c>: the control plane, or the config directory it reads.</summary>
public interface ICredentialSource
{
    /// <summary>The credential, or an exception whose message says why not (missing Secret, refused, unreachable).</summary>
    Task<CredentialPem> FetchAsync(CredentialReference reference, CancellationToken token);
}

/// <summary>Dynamic mode: the control plane's <c>GatewayCredentials</c> service on its TLS port, authenticated with the bootstrap token.</summary>
internal sealed class ControlPlaneCredentialSource(Func<Grpc.Net.Client.GrpcChannel> channel, Func<Grpc.Core.Metadata> headers) : ICredentialSource
{
    public async Task<CredentialPem> FetchAsync(CredentialReference reference, CancellationToken token)
    {
        using var open = channel();
        var client = new Switchboard.Discovery.Protocol.GatewayCredentials.GatewayCredentialsClient(open);
        try
        {
            var answer = await client.FetchAsync(new Switchboard.Discovery.Protocol.CredentialRequest { Name = reference.Name }, headers(), cancellationToken: token);
            return new CredentialPem(answer.CertificateChain, answer.PrivateKey, answer.CaCertificates.Length == 0 ? null : answer.CaCertificates);
        }
        catch (Grpc.Core.RpcException ex)
        {
            throw new InvalidOperationException($"control plane: {ex.Status.Detail}", ex);
        }
    }
}

/// <summary>Static mode: the Secret in the directory the proxy reads its config from (the same snapshot it translated).</summary>
internal sealed class SnapshotCredentialSource(Func<MeshSnapshot?> snapshot) : ICredentialSource
{
    public Task<CredentialPem> FetchAsync(CredentialReference reference, CancellationToken token)
    {
        var current = snapshot() ?? throw new InvalidOperationException("no config loaded");
        return GatewayCredentialSecret.Read(current, reference.Namespace, reference.Name, out var problem) is { } pem
            ? Task.FromResult(pem)
            : throw new InvalidOperationException(problem);
    }
}

/// <summary>No source: a sidecar, or a gateway whose config names no Secret.</summary>
internal sealed class NoCredentialSource : ICredentialSource
{
    public static NoCredentialSource Instance { get; } = new();

    public Task<CredentialPem> FetchAsync(CredentialReference reference, CancellationToken token) =>
        throw new InvalidOperationException($"credential {reference.Namespace}/{reference.Name}: this proxy has no credential source");
}
