namespace Switchboard.Proxy.Hosting;

/// <summary>Which listener a connection arrived on; set by connection middleware, read per request.</summary>
internal enum ListenerKind { Outbound, Admin, Ready, Metrics, Inbound, Gateway }

/// <summary>The connection feature carrying the listener kind.</summary>
internal sealed record ListenerRole(ListenerKind Kind);
