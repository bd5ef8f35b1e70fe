namespace Switchboard.Identity.Ca;

/// <summary>Where the signing certificate came from.</summary>
public enum CaSource
{
    /// <summary>A root this CA created and persisted itself.</summary>
    SelfSigned,

    /// <summary>Istio plug-in files supplied by the operator (<c>ca-cert.pem</c>, <c>ca-key.pem</c>, ...).</summary>
    Plugged,
}
