namespace Switchboard.Analysis.Messages;

/// <summary>
/// Every message Switchboard's analysis can produce. Istio's codes and names where Istio has the check
/// (so users' suppressions and searches carry over); <c>SB</c> codes for checks Istio lacks.
/// Each code is explained in <c>docs/analysis/&lt;code&gt;.md</c>.
/// </summary>
public static class Catalogue
{
    public static readonly MessageType InternalError = new("IST0001", "InternalError", MessageLevel.Error,
        "Internal error: {0}", "An analyzer failed; the other analyzers still ran.");

    public static readonly MessageType Deprecated = new("IST0002", "Deprecated", MessageLevel.Warning,
        "Deprecated: {0}", "The config uses a deprecated field or value.");

    public static readonly MessageType ReferencedResourceNotFound = new("IST0101", "ReferencedResourceNotFound", MessageLevel.Error,
        "Referenced {0} not found: \"{1}\"{2}", "A resource refers to a host, subset, gateway, secret or workload that does not exist.");

    public static readonly MessageType SchemaValidationError = new("IST0106", "SchemaValidationError", MessageLevel.Error,
        "Schema validation error: {0}", "The resource breaks its schema: unknown field, wrong type, invalid value.");

    public static readonly MessageType ConflictingMeshGatewayVirtualServiceHosts = new("IST0109", "ConflictingMeshGatewayVirtualServiceHosts", MessageLevel.Error,
        "The VirtualServices {0} associated with mesh gateway define the same host {1}, which can lead to undefined behavior; merge them into one VirtualService.",
        "Several mesh VirtualServices claim the same host; which one wins is undefined.");

    public static readonly MessageType VirtualServiceDestinationPortSelectorRequired = new("IST0112", "VirtualServiceDestinationPortSelectorRequired", MessageLevel.Error,
        "This VirtualService routes to a service \"{0}\" that exposes multiple ports [{1}]; a port is required in the destination to disambiguate.",
        "A destination service has several ports and the route names none.");

    public static readonly MessageType PortNameIsNotUnderNamingConvention = new("IST0118", "PortNameIsNotUnderNamingConvention", MessageLevel.Info,
        "Port name {0} (port: {1}, targetPort: {2}) doesn't follow the naming convention of Istio port.",
        "A Service port name is not <protocol>[-suffix]; the protocol will be sniffed.");

    public static readonly MessageType NoMatchingWorkloadsFound = new("IST0127", "NoMatchingWorkloadsFound", MessageLevel.Warning,
        "No matching workloads for this resource with the following labels: {0}", "A selector matches no workload.");

    public static readonly MessageType NoServerCertificateVerificationDestinationLevel = new("IST0128", "NoServerCertificateVerificationDestinationLevel", MessageLevel.Warning,
        "DestinationRule {0} in namespace {1} has TLS mode set to {2} but no caCertificates are set to validate server identity for host: {3}",
        "Upstream TLS without a CA: the server's certificate is not verified.");

    public static readonly MessageType NoServerCertificateVerificationPortLevel = new("IST0129", "NoServerCertificateVerificationPortLevel", MessageLevel.Warning,
        "DestinationRule {0} in namespace {1} has TLS mode set to {2} but no caCertificates are set to validate server identity for host: {3} at port {4}",
        "Port-level upstream TLS without a CA: the server's certificate is not verified.");

    public static readonly MessageType VirtualServiceUnreachableRule = new("IST0130", "VirtualServiceUnreachableRule", MessageLevel.Warning,
        "VirtualService rule {0} not used ({1}).", "A rule can never match because an earlier rule catches its traffic.");

    public static readonly MessageType VirtualServiceIneffectiveMatch = new("IST0131", "VirtualServiceIneffectiveMatch", MessageLevel.Info,
        "VirtualService rule {0} match {1} is not used (duplicate/overlapping match in rule {2}).", "One match of a rule repeats an earlier one.");

    public static readonly MessageType VirtualServiceHostNotFoundInGateway = new("IST0132", "VirtualServiceHostNotFoundInGateway", MessageLevel.Warning,
        "one or more host [{0}] defined in VirtualService {1} not found in Gateway {2}.", "A VirtualService bound to a gateway names a host the gateway does not serve.");

    public static readonly MessageType SchemaWarning = new("IST0133", "SchemaWarning", MessageLevel.Warning,
        "Schema validation warning: {0}", "Allowed by the schema but almost certainly not what was meant.");

    public static readonly MessageType InvalidApplicationUID = new("IST0144", "InvalidApplicationUID", MessageLevel.Warning,
        "User ID (UID) 1337 is reserved for the sidecar proxy{0}.", "An application container runs as UID 1337 and so bypasses traffic capture.");

    public static readonly MessageType ConflictingGateways = new("IST0145", "ConflictingGateways", MessageLevel.Error,
        "Conflict with gateways {0} (workload selector {1}, port {2}, hosts {3}).", "Two Gateways claim the same host on the same port of the same workloads.");

    public static readonly MessageType JwtClaimBasedRoutingWithoutRequestAuthN = new("IST0149", "JwtClaimBasedRoutingWithoutRequestAuthN", MessageLevel.Error,
        "This match routes on the JWT claim {0} through gateway {1}, but no RequestAuthentication applies to its pod {2}: no token is verified there, so the claim is never present and the route never matches.",
        "A route on @request.auth.claims through a gateway whose pods have no RequestAuthentication.");

    public static readonly MessageType InvalidGatewayCredential = new("IST0161", "InvalidGatewayCredential", MessageLevel.Error,
        "The credential provided by the Gateway {0} in namespace {1} is invalid, which can lead to traffic loss: {2}",
        "The gateway's TLS secret exists but cannot serve TLS.");

    public static readonly MessageType GatewayPortNotDefinedOnService = new("IST0162", "GatewayPortNotDefinedOnService", MessageLevel.Warning,
        "The gateway is listening on a target port (port {0}) that is not defined in the Service associated with its workload instances (Pod selector {1}). If you need to access the gateway port through the gateway Service, it will not be available.",
        "A Gateway server port is not exposed by the gateway's Service.");

    public static readonly MessageType DestinationRuleSubsetNotSelectPods = new("IST0173", "DestinationRuleSubsetNotSelectPods", MessageLevel.Error,
        "The Subset {0} defined in the DestinationRule does not select any pods{1}, which may lead to 503 UH (NoHealthyUpstream).",
        "A DestinationRule subset's labels match no pod of its service.");

    public static readonly MessageType UnknownDestinationRuleHost = new("IST0174", "UnknownDestinationRuleHost", MessageLevel.Warning,
        "DestinationRule is for host \"{0}\", which matches no Service or ServiceEntry; its policy applies to nothing.",
        "A DestinationRule's host matches no service.");

    public static readonly MessageType WeightsNotSumTo100 = new("SB0001", "WeightsNotSumTo100", MessageLevel.Info,
        "Route weights in {0} sum to {1}, not 100; traffic will split {2}.", "Weights are normalised by their sum; this says the split that results.");

    public static readonly MessageType RetriesExceedTimeout = new("SB0002", "RetriesExceedTimeout", MessageLevel.Warning,
        "Retries in {0} can take {1} × {2} = {3}, longer than the route timeout {4}; the last attempts are cut off by the timeout.",
        "perTryTimeout × (attempts + 1) exceeds the route timeout.");

    public static readonly MessageType RetriesWithoutTimeout = new("SB0003", "RetriesWithoutTimeout", MessageLevel.Warning,
        "Retries in {0} have no route timeout: a caller may wait up to {1} per request ({2}).",
        "A route retries but sets no overall timeout (the seed's 12-second surprise).");

    public static readonly MessageType MtlsNotStrict = new("SB0004", "MtlsNotStrict", MessageLevel.Warning,
        "{0} accepts plain-text traffic ({1}); the mesh is not secure until mTLS is STRICT.", "A mesh or namespace is left PERMISSIVE.");

    public static readonly MessageType WildcardPrincipal = new("SB0005", "WildcardPrincipal", MessageLevel.Warning,
        "{0} matches any authenticated identity, which bypasses SPIFFE identity checks; list the allowed service accounts instead.",
        "An AuthorizationPolicy uses principals: [\"*\"].");

    public static readonly MessageType AllowPolicyWithoutRules = new("SB0006", "AllowPolicyWithoutRules", MessageLevel.Warning,
        "This ALLOW policy has no rules, so it matches nothing and every request to {0} is denied (RBAC: access denied).",
        "An ALLOW AuthorizationPolicy without rules denies everything.");

    public static readonly MessageType DenyPolicyHttpFieldsOnTcp = new("SB0007", "DenyPolicyHttpFieldsOnTcp", MessageLevel.Warning,
        "This DENY policy matches on HTTP-only fields ({0}) but applies to TCP port {1} of {2}; for TCP traffic those fields count as matched, so ALL TCP connections to it are denied. Add `ports` to scope the rule.",
        "A DENY policy with HTTP-only fields denies all TCP traffic.");

    public static readonly MessageType UnusedDestinationRuleSubsets = new("SB0008", "UnusedDestinationRuleSubsets", MessageLevel.Info,
        "No VirtualService routes to subsets [{0}] of host {1}; they are dead config.", "DestinationRule subsets no VirtualService references.");

    public static readonly MessageType StrictMtlsWithUnmeshedClients = new("SB0009", "StrictMtlsWithUnmeshedClients", MessageLevel.Warning,
        "{0} requires mTLS (STRICT), but workloads without a sidecar run in {1}; their plain-text calls to it will be refused (connection reset).",
        "STRICT mTLS while other namespaces run workloads without a sidecar, whose calls it refuses.");

    public static readonly MessageType AllowSourceMatchesNoWorkload = new("SB0010", "AllowSourceMatchesNoWorkload", MessageLevel.Warning,
        "Rule {0} allows {1}, but no workload in the config runs with such an identity, so it admits nobody; did you mean {2}?",
        "An ALLOW rule's source names identities that no workload has.");

    public static readonly MessageType InvalidAccessLogFormat = new("SB0011", "InvalidAccessLogFormat", MessageLevel.Error,
        "The access-log provider {0} has an invalid logFormat.text: {1}; every proxy that logs through it will reject its config.",
        "An envoyFileAccessLog provider's text format uses an unknown or malformed command operator.");

    /// <summary>Every entry, in code order.</summary>
    public static IReadOnlyList<MessageType> All { get; } = typeof(Catalogue)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(MessageType))
        .Select(f => (MessageType)f.GetValue(null)!)
        .OrderBy(t => t.Code, StringComparer.Ordinal)
        .ToList();

    public static MessageType? Find(string code) => All.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));
}
