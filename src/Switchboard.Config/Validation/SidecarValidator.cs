using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a Sidecar beyond its types. STUB: rules to be added.</summary>
public sealed class SidecarValidator : SpecValidator<SidecarSpec>
{
    protected override void Validate(Resource<SidecarSpec> resource, ValidationContext context)
    {
    }
}
