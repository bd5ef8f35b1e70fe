using System.Net;

namespace Switchboard.Proxy.Outbound;

/// <summary>
/// The connection feature a captured outbound connection carries: where the app was really going before iptables
/// redirected it to the proxy. Set by connection middleware, read by the HTTP pipeline (route table by port, passthrough).
/// </summary>
internal sealed record OriginalDestinationFeature(IPEndPoint Endpoint);
