using Switchboard.Config.Telemetry;

namespace Switchboard.Config.Validation;

/// <summary>Checks a Telemetry beyond its types. STUB: rules to be added.</summary>
public sealed class TelemetryValidator : SpecValidator<TelemetrySpec>
{
    protected override void Validate(Resource<TelemetrySpec> resource, ValidationContext context)
    {
    }
}
