using Switchboard.Config.Networking;

namespace Switchboard.Config.Validation;

/// <summary>An HTTP route's <c>directResponse</c>: status and body.</summary>
internal static class DirectResponseChecks
{
    private const int WarnBytes = 100 * 1024;
    private const int MaxBytes = 1024 * 1024;

    public static void Validate(ValidationContext context, string path, HttpDirectResponse? response)
    {
        if (response is null) return;
        if (response.Status is < 200 or > 599) context.Error($"{path}.status", $"status {response.Status} is not in 200..599");
        if (response.Body is not { } body) return;
        if (body.String is not null && body.Bytes is not null) context.Error($"{path}.body", "only one of string and bytes may be set");
        var size = body.String?.Length ?? 0;
        if (body.Bytes is { } bytes)
        {
            var buffer = new byte[bytes.Length];
            if (!Convert.TryFromBase64String(bytes, buffer, out size)) context.Error($"{path}.body.bytes", "bytes is not valid base64");
        }
        // Bodies travel in every proxy's config; Istio refuses them past 1MB.
        if (size > MaxBytes) context.Error($"{path}.body", $"body is {size} bytes; direct responses must be under 1MB");
        else if (size > WarnBytes) context.Warning($"{path}.body", $"body is {size} bytes; large direct responses slow down config distribution");
    }
}
