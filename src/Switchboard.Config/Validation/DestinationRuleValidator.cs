using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a DestinationRule beyond its types. STUB: rules to be added.</summary>
public sealed class DestinationRuleValidator : SpecValidator<DestinationRuleSpec>
{
    protected override void Validate(Resource<DestinationRuleSpec> resource, ValidationContext context)
    {
    }
}
