namespace Switchboard.Authorization.Policies;

/// <summary>
/// What the request does. Fields AND-ed, values OR-ed, <c>Not*</c> fields exclude. Hosts, methods and paths exist
/// only for HTTP; ports are the destination (container) port as a decimal string (ISTIO-SECURITY-2021-002).
/// </summary>
public sealed record AuthzOperation
{
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public IReadOnlyList<string> NotHosts { get; init; } = [];
    public IReadOnlyList<string> Ports { get; init; } = [];
    public IReadOnlyList<string> NotPorts { get; init; } = [];
    public IReadOnlyList<string> Methods { get; init; } = [];
    public IReadOnlyList<string> NotMethods { get; init; } = [];
    public IReadOnlyList<string> Paths { get; init; } = [];
    public IReadOnlyList<string> NotPaths { get; init; } = [];
}
