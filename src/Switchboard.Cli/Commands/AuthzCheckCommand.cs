using System.CommandLine;
using System.Net;
using System.Text.Json;
using Switchboard.Authorization.Evaluation;
using Switchboard.Authorization.Normalization;
using Switchboard.Authorization.Policies;
using Switchboard.Authorization.Requests;
using Switchboard.Model;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl authz check POD [--principal P] [--namespace N] [--method M] [--path P] [--host H] [--header k=v]...
/// [--claim k=v]... [--request-principal iss/sub] [--port N] [--source-ip IP] [-f FILES]</c>: the AuthorizationPolicies that
/// apply to a pod, and — given a request — ALLOW or DENY with the policy and rule that decided: the seed's "simulate
/// before you apply". The same evaluator and path normalizer the proxy runs, so the answer is the proxy's answer.
/// </summary>
public static class AuthzCheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var pod = new Argument<string>("pod") { Description = "NAMESPACE/NAME of a Pod, Deployment or WorkloadEntry" };
        var principal = new Option<string?>("--principal") { Description = "The caller's identity: cluster.local/ns/NS/sa/SA (as from its mTLS certificate)" };
        var callerNamespace = new Option<string?>("--namespace") { Description = "The caller's namespace (a principal in it with service account 'default' is assumed)" };
        var method = new Option<string>("--method") { Description = "HTTP method", DefaultValueFactory = _ => "GET" };
        var path = new Option<string>("--path") { Description = "Request path as sent (it is normalized as the proxy would)", DefaultValueFactory = _ => "/" };
        var host = new Option<string?>("--host") { Description = "Host / :authority" };
        var header = new Option<string[]>("--header") { Description = "Request header k=v (repeatable)", AllowMultipleArgumentsPerToken = false };
        var claim = new Option<string[]>("--claim") { Description = "JWT claim k=v of a validated token (repeatable)" };
        var requestPrincipal = new Option<string?>("--request-principal") { Description = "The JWT principal iss/sub (defaults to one when --claim is given)" };
        var port = new Option<int>("--port") { Description = "Destination port", DefaultValueFactory = _ => 8080 };
        var sourceIp = new Option<string?>("--source-ip") { Description = "Caller's address" };
        var source = new ResourceSource();
        var check = new Command("check", "Show the policies that apply to a pod and decide a request against them")
        {
            pod, principal, callerNamespace, method, path, host, header, claim, requestPrincipal, port, sourceIp, source.Files, source.Address,
        };
        check.SetAction(async (parse, _) =>
        {
            var (resources, loadError) = await source.LoadAsync(parse);
            if (loadError is not null)
            {
                error.WriteLine($"error: {loadError}");
                return 1;
            }
            var snapshot = MeshSnapshot.From(resources);
            var name = parse.GetValue(pod)!;
            if (snapshot.FindWorkload(name) is not { } workload)
            {
                error.WriteLine($"error: no pod, deployment or workload entry {name} (give NAMESPACE/NAME)");
                return 1;
            }
            var selection = AuthzPolicySelector.For(snapshot, workload.Namespace, workload.Labels);
            output.WriteLine($"Policies for {workload.Key}:");
            if (selection.Policies.Count == 0) output.WriteLine("   (none: every request is allowed)");
            foreach (var policy in selection.Policies)
                output.WriteLine($"   {policy.Action.ToString().ToUpperInvariant(),-7} {policy.Namespace}/{policy.Name}{(policy.DryRun ? " (dry-run)" : "")}, {policy.Rules.Count} rule(s)");
            foreach (var unsupported in selection.Unsupported) output.WriteLine($"   ignored: {unsupported}");

            // The mesh's own pathNormalization (the istio ConfigMap), as the proxy applies it.
            var normalized = PathNormalizer.Normalize(parse.GetValue(path)!, PathNormalizationSetting.Parse(snapshot.Options.PathNormalization));
            if (normalized.IsRejected)
            {
                output.WriteLine($"Request: 400 Bad Request (the path cannot be normalized: {normalized.Rejection})");
                return 0;
            }
            var claims = parse.GetValue(claim) ?? [];
            var request = new RequestAttributes
            {
                Method = parse.GetValue(method),
                Path = normalized.Path,
                Authority = parse.GetValue(host),
                Port = parse.GetValue(port),
                Headers = RequestHeaders.From(Pairs(parse.GetValue(header) ?? []).ToArray()),
                SourcePrincipal = parse.GetValue(principal) ?? (parse.GetValue(callerNamespace) is { } ns ? $"cluster.local/ns/{ns}/sa/default" : null),
                SourceIp = parse.GetValue(sourceIp) is { } ip && IPAddress.TryParse(ip, out var address) ? address : null,
                RequestPrincipal = parse.GetValue(requestPrincipal) ?? (claims.Length > 0 ? "testing@secure.istio.io/testing@secure.istio.io" : null),
                Claims = claims.Length > 0 ? Claims(claims) : null,
            };
            var decision = AuthzEvaluator.Evaluate(selection.Policies, request);
            var verdict = decision.CustomProviders.Count > 0 ? "DENY (a CUSTOM policy needs its external authorizer; the proxy fails closed)"
                : decision.Allowed ? "ALLOW" : "DENY";
            var reason = decision.DecidingPolicy is { } decider ? $" by {decider}{(decision.DecidingRuleIndex is { } rule ? $" rule {rule}" : "")}" : "";
            output.WriteLine($"Request: {request.Method} {normalized.PathAndQuery} from {request.SourcePrincipal ?? "(no identity)"}");
            output.WriteLine($"Decision: {verdict}{reason} ({decision.Reason})");
            foreach (var dry in decision.DryRunMatched) output.WriteLine($"   dry-run {dry}");
            return 0;
        });
        return new Command("authz", "Authorization tools") { check };
    }

    private static IEnumerable<(string, string)> Pairs(IEnumerable<string> values) =>
        values.Select(v => v.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1]));

    /// <summary>Claims as the JWT would carry them: values that look like JSON (numbers, lists, objects) are JSON, the rest strings.</summary>
    private static JsonElement Claims(IEnumerable<string> values)
    {
        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in Pairs(values))
        {
            try
            {
                claims[key] = JsonDocument.Parse(value).RootElement.Clone();
            }
            catch (JsonException)
            {
                claims[key] = JsonDocument.Parse(JsonSerializer.Serialize(value, AuthzCheckJson.Default.String)).RootElement.Clone();
            }
        }
        return JsonSerializer.SerializeToElement(claims, AuthzCheckJson.Default.DictionaryStringJsonElement);
    }
}

/// <summary>Source-generated JSON for the claims of <c>authz check</c>.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class AuthzCheckJson : System.Text.Json.Serialization.JsonSerializerContext;
