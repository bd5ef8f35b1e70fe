namespace Switchboard.Authentication.Tests.Support;

/// <summary>Payloads for tests, relative to a fixed "now".</summary>
internal static class Claims
{
    public static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static long At(TimeSpan offset) => (Now + offset).ToUnixTimeSeconds();

    public const string Issuer = "https://issuer.example.com";

    /// <summary>A valid payload: iss, sub, aud, iat now, exp in an hour, plus <paramref name="extra"/> (raw JSON members).</summary>
    public static string Payload(string? extra = null, string iss = Issuer, string sub = "alice", string aud = "\"svc\"") =>
        $"{{\"iss\":\"{iss}\",\"sub\":\"{sub}\",\"aud\":{aud},\"iat\":{At(TimeSpan.Zero)},\"exp\":{At(TimeSpan.FromHours(1))}{(extra is null ? "" : "," + extra)}}}";
}
