using System.Security.Cryptography.X509Certificates;
using Switchboard.Identity.Spiffe;

namespace Switchboard.Identity.Svid;

/// <summary>An issued X.509-SVID: the leaf, the PEM chain to send (leaf, then intermediates) and the trust root PEM.</summary>
public sealed record IssuedSvid(SpiffeId Id, X509Certificate2 Leaf, IReadOnlyList<string> ChainPem, string RootPem);
