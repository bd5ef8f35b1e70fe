using Switchboard.Config;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Mesh;

/// <summary>The services a ServiceEntry declares: one per host, sharing its ports and workload selector.</summary>
public static class ServiceEntryServices
{
    public static IEnumerable<MeshService> From(Resource<ServiceEntrySpec> se)
    {
        // Filled in once ServiceEntrySpec has its fields (hosts, ports, workloadSelector).
        return [];
    }
}
