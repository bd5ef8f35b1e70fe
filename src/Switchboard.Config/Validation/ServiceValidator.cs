using Switchboard.Config.Kubernetes;

namespace Switchboard.Config.Validation;

/// <summary>Checks a Service beyond its types. STUB: rules to be added.</summary>
public sealed class ServiceValidator : SpecValidator<ServiceSpec>
{
    protected override void Validate(Resource<ServiceSpec> resource, ValidationContext context)
    {
    }
}
