using Switchboard.Config.Security;

namespace Switchboard.Config.Validation;

/// <summary>Checks a PeerAuthentication beyond its types. STUB: rules to be added.</summary>
public sealed class PeerAuthenticationValidator : SpecValidator<PeerAuthenticationSpec>
{
    protected override void Validate(Resource<PeerAuthenticationSpec> resource, ValidationContext context)
    {
    }
}
