namespace Switchboard.Config.Validation;

/// <summary>Ports, bind addresses and Unix domain sockets.</summary>
internal static class NetworkChecks
{
    public const string UnixPrefix = "unix://";

    public static bool IsPort(long number) => number is >= 1 and <= 65535;

    /// <summary>Reports <paramref name="number"/> unless it is a port 1..65535.</summary>
    public static void Port(ValidationContext context, string path, long number)
    {
        if (!IsPort(number)) context.Error(path, $"port {number} is not in 1..65535");
    }

    /// <summary>A socket path after <c>unix://</c>: absolute and not a directory, or <c>@abstract</c>.</summary>
    public static string? CheckUnixAddress(string address)
    {
        if (address.Length == 0) return "unix address must not be empty";
        if (address.StartsWith('@')) return null;
        return address.StartsWith('/') && !address.EndsWith('/') ? null : $"\"{address}\" is not an absolute path to a socket file";
    }

    /// <summary>A listener bind: an IP address or <c>unix://</c> socket.</summary>
    public static void Bind(ValidationContext context, string path, string? bind)
    {
        if (string.IsNullOrEmpty(bind)) return;
        if (bind.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            if (CheckUnixAddress(bind[UnixPrefix.Length..]) is { } error) context.Error(path, error);
        }
        else if (!HostNames.IsIp(bind))
        {
            context.Error(path, $"\"{bind}\" is not an IP address or unix:// socket");
        }
    }
}
