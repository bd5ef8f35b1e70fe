using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Identity.Api.Protocol;
using Switchboard.Identity.Svid;
using Switchboard.Identity.Tokens;

namespace Switchboard.Identity.Api;

/// <summary>
/// The CA's gRPC face (served on 15012 beside discovery), after Istio's IstioCertificateService:
/// <list type="number">
/// <item>authenticate: <c>authorization: Bearer &lt;token&gt;</c> must be a valid bootstrap token, else <c>Unauthenticated</c>;</item>
/// <item>validate the request: a CSR and a sane lifetime, else <c>InvalidArgument</c>;</item>
/// <item>issue for the token's identity; a CSR asking for another identity is <c>PermissionDenied</c>.</item>
/// </list>
/// Messages say what was wrong but never echo the token.
/// </summary>
public sealed class CertificateServiceImpl(SvidIssuer issuer, TokenVerifier tokens, ILogger<CertificateServiceImpl>? logger = null)
    : CertificateService.CertificateServiceBase
{
    /// <summary>Larger than any honest CSR (an RSA-8192 CSR is about 2.5 KB of PEM).</summary>
    private const int MaxCsrLength = 32 * 1024;

    private readonly ILogger _log = logger ?? NullLogger<CertificateServiceImpl>.Instance;

    public override Task<CertificateResponse> CreateCertificate(CertificateRequest request, ServerCallContext context)
    {
        // A bearer token must never cross the network in plain text: the CA answers only on its TLS port (15012).
        if (context.GetHttpContext() is { Request.IsHttps: false })
            throw new RpcException(new Status(StatusCode.PermissionDenied, "the CA answers only over TLS (port 15012)"));
        var claims = Authenticate(context);
        if (string.IsNullOrWhiteSpace(request.Csr))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "csr is empty; send a PEM PKCS#10 certificate request"));
        if (request.Csr.Length > MaxCsrLength)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"csr is longer than {MaxCsrLength} characters"));
        if (request.ValidityDuration < 0)
            throw new RpcException(new Status(StatusCode.InvalidArgument, "validity_duration is negative; use 0 for the default"));
        // Checked here as well as by the issuer: TimeSpan.FromSeconds would overflow on absurd values.
        if (request.ValidityDuration > (long)SvidPolicy.MaxTtl.TotalSeconds)
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"validity_duration {request.ValidityDuration}s exceeds the maximum of {(long)SvidPolicy.MaxTtl.TotalSeconds}s (90 days)"));
        try
        {
            var svid = issuer.Issue(request.Csr, claims.Identity, TimeSpan.FromSeconds(request.ValidityDuration));
            _log.LogInformation("issued {Id} to workload {Workload}, serial {Serial}, valid until {NotAfter:u}",
                svid.Id, claims.Workload, svid.Leaf.SerialNumber, svid.Leaf.NotAfter.ToUniversalTime());
            var response = new CertificateResponse { RootCert = svid.RootPem };
            response.CertChain.AddRange(svid.ChainPem);
            svid.Leaf.Dispose();
            return Task.FromResult(response);
        }
        catch (IssuanceException e)
        {
            _log.LogWarning("refused a certificate to {Identity} (workload {Workload}): {Reason}", claims.Identity, claims.Workload, e.Message);
            throw new RpcException(new Status(ToStatus(e.Failure), e.Message));
        }
    }

    internal static StatusCode ToStatus(IssuanceFailure failure) => failure switch
    {
        IssuanceFailure.IdentityMismatch => StatusCode.PermissionDenied,
        IssuanceFailure.CaNotValid => StatusCode.FailedPrecondition,
        _ => StatusCode.InvalidArgument,
    };

    private BootstrapClaims Authenticate(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing credential: send metadata 'authorization: Bearer <bootstrap token>'"));
        var result = tokens.Verify(header[scheme.Length..].Trim());
        if (result.Claims is { } claims) return claims;
        _log.LogWarning("refused a token from {Peer}: {Failure} {Detail}", context.Peer, result.Failure, result.Detail);
        throw new RpcException(new Status(StatusCode.Unauthenticated, $"bootstrap token refused ({result.Failure}): {result.Detail}"));
    }
}
