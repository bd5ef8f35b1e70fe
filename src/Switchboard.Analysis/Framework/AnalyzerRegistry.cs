using Switchboard.Analysis.Analyzers.DestinationRules;
using Switchboard.Analysis.Analyzers.Gateways;
using Switchboard.Analysis.Analyzers.Security;
using Switchboard.Analysis.Analyzers.Services;
using Switchboard.Analysis.Analyzers.Telemetry;
using Switchboard.Analysis.Analyzers.VirtualServices;
using Switchboard.Analysis.Analyzers.Workloads;

namespace Switchboard.Analysis.Framework;

/// <summary>Every analyzer, in the order they run. A meta-test checks each one is listed here and documented.</summary>
public static class AnalyzerRegistry
{
    public static IReadOnlyList<IAnalyzer> All { get; } =
    [
        new DestinationHostAnalyzer(),
        new DestinationRuleAnalyzer(),
        new GatewayAnalyzer(),
        new ConflictingMeshGatewayHostsAnalyzer(),
        new RuleReachabilityAnalyzer(),
        new RouteWeightAnalyzer(),
        new RetryTimeoutAnalyzer(),
        new SubsetSelectsPodsAnalyzer(),
        new UnknownHostAnalyzer(),
        new CaCertificateAnalyzer(),
        new UnusedSubsetsAnalyzer(),
        new CredentialAnalyzer(),
        new SelectorAnalyzer(),
        new ConflictingGatewaysAnalyzer(),
        new PortNameAnalyzer(),
        new ApplicationUidAnalyzer(),
        new NoMatchingWorkloadsAnalyzer(),
        new MtlsModeAnalyzer(),
        new StrictMtlsUnmeshedClientsAnalyzer(),
        new WildcardPrincipalAnalyzer(),
        new AllowWithoutRulesAnalyzer(),
        new DenyHttpFieldsOnTcpAnalyzer(),
        new AuthorizationNamespaceAnalyzer(),
        new AllowSourceMatchesNoWorkloadAnalyzer(),
        new JwtClaimRouteAnalyzer(),
        new AccessLogFormatAnalyzer(),
    ];
}
