namespace Switchboard.Proxy.Inbound;

/// <summary>
/// What the inbound connection layer established about the caller: its verified SPIFFE ID (mTLS) or none (plain
/// text), and the port it was going to. Set once per connection by <see cref="InboundConnectionMiddleware"/>; every
/// request on the connection (authorization, telemetry, the XFCC header to the app) reads this one value.
/// </summary>
internal sealed record PeerIdentityFeature(string? SpiffeId, string? CertificateHash, int DestinationPort, string? LocalIdentity);
