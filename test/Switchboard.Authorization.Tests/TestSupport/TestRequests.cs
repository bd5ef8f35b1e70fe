using System.Net;
using Switchboard.Authorization.Evaluation;
using Switchboard.Authorization.Normalization;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Requests;

namespace Switchboard.Authorization.Tests.TestSupport;

/// <summary>Requests as the proxy would build them: the raw target normalized once, then evaluated.</summary>
internal static class TestRequests
{
    public static readonly IPAddress Peer = IPAddress.Parse("10.1.2.3");

    /// <summary>An HTTP GET of <paramref name="rawTarget"/> normalized with <paramref name="mode"/>.</summary>
    public static RequestAttributes Http(string rawTarget, PathNormalization mode = PathNormalization.Base, string method = "GET", string authority = "svc.app", int port = 8080)
    {
        var normalized = PathNormalizer.Normalize(rawTarget, mode);
        Assert.False(normalized.IsRejected, $"{rawTarget} was rejected in {mode}");
        return new RequestAttributes { Method = method, Path = normalized.Path, Authority = authority, Port = port, SourceIp = Peer };
    }

    public static RequestAttributes Tcp(int port = 8080, string? principal = null) =>
        new() { IsTcp = true, Port = port, SourceIp = Peer, SourcePrincipal = principal };

    public static bool Allowed(RequestAttributes request, params AuthzPolicy[] policies) => AuthzEvaluator.Evaluate(policies, request).Allowed;
}
