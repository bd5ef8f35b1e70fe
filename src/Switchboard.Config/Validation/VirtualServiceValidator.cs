using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a VirtualService beyond its types. STUB: rules to be added.</summary>
public sealed class VirtualServiceValidator : SpecValidator<VirtualServiceSpec>
{
    protected override void Validate(Resource<VirtualServiceSpec> resource, ValidationContext context)
    {
    }
}
