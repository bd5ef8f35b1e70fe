namespace Switchboard.Proxy.Outbound;

/// <summary>What a captured connection's first bytes say it carries; <see cref="Undecided"/> while they could still be more than one.</summary>
internal enum SniffedProtocol { Undecided, Http1, Http2, Tls, Opaque }
