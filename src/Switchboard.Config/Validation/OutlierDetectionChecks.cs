using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>A traffic policy's <c>outlierDetection</c>.</summary>
internal static class OutlierDetectionChecks
{
    public static void Validate(ValidationContext context, string path, OutlierDetection? outlier)
    {
        if (outlier is null) return;
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.interval", outlier.Interval);
        DurationChecks.AtLeastOneMillisecond(context, $"{path}.baseEjectionTime", outlier.BaseEjectionTime);
        Percent(context, $"{path}.maxEjectionPercent", outlier.MaxEjectionPercent);
        Percent(context, $"{path}.minHealthPercent", outlier.MinHealthPercent);
        if (outlier.ConsecutiveLocalOriginFailures is > 0 && outlier.SplitExternalLocalOriginErrors != true)
        {
            context.Error($"{path}.consecutiveLocalOriginFailures", "consecutiveLocalOriginFailures only counts when splitExternalLocalOriginErrors is true");
        }
        for (var i = 0; i < outlier.OutlierDetectionHttpErrorCodes.Count; i++)
        {
            var code = outlier.OutlierDetectionHttpErrorCodes[i];
            if (code is < 100 or > 599) context.Error($"{path}.outlierDetectionHttpErrorCodes[{i}]", $"{code} is not an HTTP status code (100..599)");
        }
    }

    private static void Percent(ValidationContext context, string path, int? value)
    {
        if (value is < 0 or > 100) context.Error(path, $"{value} is not a percentage (0..100)");
    }
}
