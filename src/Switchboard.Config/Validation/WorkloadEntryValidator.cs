using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a WorkloadEntry beyond its types. STUB: rules to be added.</summary>
public sealed class WorkloadEntryValidator : SpecValidator<WorkloadEntrySpec>
{
    protected override void Validate(Resource<WorkloadEntrySpec> resource, ValidationContext context)
    {
    }
}
