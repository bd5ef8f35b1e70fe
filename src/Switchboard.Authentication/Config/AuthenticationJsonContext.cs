using System.Text.Json.Serialization;

namespace Switchboard.Authentication.Config;

/// <summary>Source-generated JSON for the JWT rule wire records (the proxy is NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JwtRuleConfig))]
[JsonSerializable(typeof(IReadOnlyList<JwtRuleConfig>))]
public sealed partial class AuthenticationJsonContext : JsonSerializerContext;
