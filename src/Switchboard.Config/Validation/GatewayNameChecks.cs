namespace Switchboard.Config.Validation;

/// <summary>Gateway references in VirtualServices: <c>mesh</c>, <c>name</c>, or <c>namespace/name</c>.</summary>
internal static class GatewayNameChecks
{
    public const string Mesh = "mesh";

    public static void Validate(ValidationContext context, string path, IReadOnlyList<string> gateways)
    {
        for (var i = 0; i < gateways.Count; i++)
        {
            var name = gateways[i];
            var itemPath = $"{path}[{i}]";
            if (name == Mesh) continue;
            var slash = name.IndexOf('/');
            if (slash < 0)
            {
                if (HostNames.CheckFqdn(name) is not null) context.Error(itemPath, $"\"{name}\" is not a valid gateway name");
                else if (name.Contains('.')) context.Warning(itemPath, $"\"{name}\" uses the legacy name.namespace form; prefer namespace/name");
                continue;
            }
            var ns = name[..slash];
            var gateway = name[(slash + 1)..];
            if (!HostNames.IsDnsLabel(ns)) context.Error(itemPath, $"\"{ns}\" is not a valid namespace in gateway reference \"{name}\"");
            if (!HostNames.IsDnsLabel(gateway)) context.Error(itemPath, $"\"{gateway}\" is not a valid gateway name in \"{name}\"");
        }
    }
}
