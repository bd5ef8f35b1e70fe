using Switchboard.Config.Types;

namespace Switchboard.Config.Validation;

/// <summary>Duration rules of Istio's validation: most timeouts are at least 1ms and whole milliseconds.</summary>
internal static class DurationChecks
{
    /// <summary>At least 1ms, millisecond precision (Istio's <c>ValidateDuration</c>).</summary>
    public static void AtLeastOneMillisecond(ValidationContext context, string path, Duration? duration)
    {
        if (duration is not { } d) return;
        if (d.Value < TimeSpan.FromMilliseconds(1)) context.Error(path, $"duration {d} must be at least 1ms");
        else if (d.Value.Ticks % TimeSpan.TicksPerMillisecond != 0) context.Error(path, $"duration {d} must be whole milliseconds");
    }

    /// <summary>Zero or more, millisecond precision (for fields where <c>0s</c> disables).</summary>
    public static void NonNegative(ValidationContext context, string path, Duration? duration)
    {
        if (duration is not { } d) return;
        if (d.Value < TimeSpan.Zero) context.Error(path, $"duration {d} must not be negative");
        else if (d.Value.Ticks % TimeSpan.TicksPerMillisecond != 0) context.Error(path, $"duration {d} must be whole milliseconds");
    }
}
