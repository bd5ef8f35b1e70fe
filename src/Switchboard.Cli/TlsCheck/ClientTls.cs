namespace Switchboard.Cli.TlsCheck;

/// <summary>
/// What the checked pod sends to a service port: a DestinationRule's <c>tls.mode</c>, <see cref="Auto"/> (no DestinationRule
/// sets one: Istio's auto mTLS) or <see cref="NoProxy"/> (the pod has no sidecar, so it sends whatever its app sends).
/// </summary>
public enum ClientTls { Auto, Disable, Simple, Mutual, IstioMutual, NoProxy }
