using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Checks a WorkloadEntry beyond its types: address (IP, FQDN or unix socket), ports, labels.</summary>
public sealed class WorkloadEntryValidator : SpecValidator<WorkloadEntrySpec>
{
    protected override void Validate(Resource<WorkloadEntrySpec> resource, ValidationContext context) =>
        // Standalone entries may name a host: a ServiceEntry with DNS resolution can select them.
        WorkloadEntryChecks.Validate(context, "spec", resource.Spec, allowFqdn: true);
}
