using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>A DestinationRule traffic policy (rule level or subset level) and its port-level overrides.</summary>
internal static class TrafficPolicyChecks
{
    public const int MaxPortLevelSettings = 4096;

    public static void Validate(ValidationContext context, string path, TrafficPolicy? policy)
    {
        if (policy is null) return;
        if (policy.LoadBalancer is null && policy.ConnectionPool is null && policy.OutlierDetection is null && policy.Tls is null
            && policy.PortLevelSettings.Count == 0 && policy.Tunnel is null && policy.ProxyProtocol is null && policy.RetryBudget is null)
        {
            context.Error(path, "trafficPolicy must set at least one field");
        }
        if (policy.Tunnel is not null && policy.ProxyProtocol is not null) context.Error($"{path}.proxyProtocol", "tunnel and proxyProtocol cannot both be set");
        Common(context, path, policy.LoadBalancer, policy.ConnectionPool, policy.OutlierDetection, policy.Tls);
        Tunnel(context, $"{path}.tunnel", policy.Tunnel);
        RetryBudget(context, $"{path}.retryBudget", policy.RetryBudget);
        if (policy.PortLevelSettings.Count > MaxPortLevelSettings)
        {
            context.Error($"{path}.portLevelSettings", $"at most {MaxPortLevelSettings} portLevelSettings are allowed, found {policy.PortLevelSettings.Count}");
        }
        for (var i = 0; i < policy.PortLevelSettings.Count; i++) Port(context, $"{path}.portLevelSettings[{i}]", policy.PortLevelSettings[i]);
    }

    private static void Port(ValidationContext context, string path, PortTrafficPolicy port)
    {
        if (port.Port is null) context.Error($"{path}.port", "port is required");
        else NetworkChecks.Port(context, $"{path}.port.number", port.Port.Number);
        if (port.LoadBalancer is null && port.ConnectionPool is null && port.OutlierDetection is null && port.Tls is null)
        {
            context.Error(path, "a port-level policy must set at least one of loadBalancer, connectionPool, outlierDetection or tls");
        }
        Common(context, path, port.LoadBalancer, port.ConnectionPool, port.OutlierDetection, port.Tls);
    }

    private static void Common(ValidationContext context, string path, LoadBalancerSettings? lb, ConnectionPoolSettings? pool, OutlierDetection? outlier, ClientTlsSettings? tls)
    {
        LoadBalancerChecks.Validate(context, $"{path}.loadBalancer", lb, outlier);
        ConnectionPoolChecks.Validate(context, $"{path}.connectionPool", pool);
        OutlierDetectionChecks.Validate(context, $"{path}.outlierDetection", outlier);
        ClientTlsChecks.Validate(context, $"{path}.tls", tls);
    }

    private static void Tunnel(ValidationContext context, string path, TunnelSettings? tunnel)
    {
        if (tunnel is null) return;
        if (!string.IsNullOrEmpty(tunnel.Protocol) && tunnel.Protocol is not ("CONNECT" or "POST"))
        {
            context.Error($"{path}.protocol", $"tunnel protocol \"{tunnel.Protocol}\" must be CONNECT or POST");
        }
        if (!string.IsNullOrEmpty(tunnel.TargetHost) && !HostNames.IsIp(tunnel.TargetHost) && HostNames.CheckFqdn(tunnel.TargetHost) is not null)
        {
            context.Error($"{path}.targetHost", $"\"{tunnel.TargetHost}\" is not an FQDN or IP address");
        }
        if (tunnel.TargetPort is { } port) NetworkChecks.Port(context, $"{path}.targetPort", port);
    }

    private static void RetryBudget(ValidationContext context, string path, RetryBudget? budget)
    {
        if (budget is null) return;
        if (budget.Percent is < 0 or > 100) context.Error($"{path}.percent", $"percent {budget.Percent} is not in 0..100");
        DurationChecks.NonNegative(context, $"{path}.budgetInterval", budget.BudgetInterval);
    }
}
