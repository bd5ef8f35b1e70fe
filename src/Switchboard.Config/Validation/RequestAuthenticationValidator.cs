using Switchboard.Config.Security;

namespace Switchboard.Config.Validation;

/// <summary>Checks a RequestAuthentication beyond its types. STUB: rules to be added.</summary>
public sealed class RequestAuthenticationValidator : SpecValidator<RequestAuthenticationSpec>
{
    protected override void Validate(Resource<RequestAuthenticationSpec> resource, ValidationContext context)
    {
    }
}
