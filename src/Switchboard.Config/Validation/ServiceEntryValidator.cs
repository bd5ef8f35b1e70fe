using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a ServiceEntry beyond its types. STUB: rules to be added.</summary>
public sealed class ServiceEntryValidator : SpecValidator<ServiceEntrySpec>
{
    protected override void Validate(Resource<ServiceEntrySpec> resource, ValidationContext context)
    {
    }
}
