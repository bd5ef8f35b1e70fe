using Switchboard.Config.Security;

namespace Switchboard.Config.Validation;

/// <summary>Checks a AuthorizationPolicy beyond its types. STUB: rules to be added.</summary>
public sealed class AuthorizationPolicyValidator : SpecValidator<AuthorizationPolicySpec>
{
    protected override void Validate(Resource<AuthorizationPolicySpec> resource, ValidationContext context)
    {
    }
}
