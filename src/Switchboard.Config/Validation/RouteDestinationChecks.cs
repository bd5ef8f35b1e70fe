using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>Destinations, weights and percentages shared by HTTP, TLS and TCP routes and mirrors.</summary>
internal static class RouteDestinationChecks
{
    /// <summary>A destination host (not <c>*</c>), subset (DNS label) and port.</summary>
    public static void Destination(ValidationContext context, string path, Destination? destination)
    {
        if (destination is null) return;
        if (destination.Host == "*") context.Error($"{path}.host", "destination host cannot be \"*\"");
        else if (!string.IsNullOrEmpty(destination.Host) && HostNames.CheckWildcardDomain(destination.Host) is { } error) context.Error($"{path}.host", error);
        if (destination.Subset is { } subset && !HostNames.IsDnsLabel(subset))
        {
            context.Error($"{path}.subset", $"subset name \"{subset}\" is not a DNS label (lower-case letters, digits and '-')");
        }
        if (destination.Port is { } port) NetworkChecks.Port(context, $"{path}.port.number", port.Number);
    }

    /// <summary>Weights are not negative; with more than one destination they must not all be 0 [VAL].</summary>
    public static void Weights(ValidationContext context, string path, IReadOnlyList<int?> weights)
    {
        long total = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var weight = weights[i] ?? 0;
            if (weight < 0) context.Error($"{path}[{i}].weight", $"weight {weight} must not be negative");
            total += weight;
        }
        if (weights.Count > 1 && total == 0) context.Error(path, "the destination weights add up to 0; with more than one destination at least one needs a weight");
    }

    /// <summary>A <c>Percent</c> value 0–100.</summary>
    public static void Percentage(ValidationContext context, string path, Percent? percent)
    {
        if (percent is not null) PercentValue(context, $"{path}.value", percent.Value);
    }

    public static void PercentValue(ValidationContext context, string path, double value)
    {
        if (value is < 0 or > 100) context.Error(path, $"percentage {value} is not in 0..100");
    }
}
