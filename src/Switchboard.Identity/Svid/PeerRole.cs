namespace Switchboard.Identity.Svid;

/// <summary>
/// Which end of the mTLS connection the certificate being checked belongs to; it decides the extended key usage
/// the leaf must allow when it has one (RFC 5280 §4.2.1.12; Envoy's CVE-2022-21657 was not checking it).
/// </summary>
public enum PeerRole
{
    /// <summary>The peer is the TLS server (we are the client, outbound): its EKU must allow serverAuth.</summary>
    Server,

    /// <summary>The peer is the TLS client (we are the server, inbound): its EKU must allow clientAuth.</summary>
    Client,
}
