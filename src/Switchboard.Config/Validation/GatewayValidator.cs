using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a Gateway beyond its types. STUB: rules to be added.</summary>
public sealed class GatewayValidator : SpecValidator<GatewaySpec>
{
    protected override void Validate(Resource<GatewaySpec> resource, ValidationContext context)
    {
    }
}
