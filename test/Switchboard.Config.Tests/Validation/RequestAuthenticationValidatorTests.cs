using Switchboard.Config.Source;
using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class RequestAuthenticationValidatorTests
{
    private static string Ra(string spec) => Doc("security.istio.io/v1", "RequestAuthentication", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "issuer missing", """
            jwtRules:
            - jwksUri: https://issuer.example.com/jwks # <-
            """, "spec.jwtRules[0].issuer is required" },
        { "jwks and jwksUri", """
            jwtRules:
            - issuer: https://issuer.example.com
              jwksUri: https://issuer.example.com/jwks
              jwks: '{"keys": []}' # <-
            """, "spec.jwtRules[0].jwks" },
        { "jwksUri not a URL", """
            jwtRules:
            - issuer: https://issuer.example.com
              jwksUri: issuer.example.com/jwks # <-
            """, "spec.jwtRules[0].jwksUri" },
        { "jwksUri with another scheme", """
            jwtRules:
            - issuer: https://issuer.example.com
              jwksUri: ftp://issuer.example.com/jwks # <-
            """, "spec.jwtRules[0].jwksUri" },
        { "jwks not JSON", """
            jwtRules:
            - issuer: https://issuer.example.com
              jwks: not-json # <-
            """, "spec.jwtRules[0].jwks" },
        { "jwks without keys", """
            jwtRules:
            - issuer: https://issuer.example.com
              jwks: '{"kty": "RSA"}' # <-
            """, "spec.jwtRules[0].jwks" },
        { "empty audience", """
            jwtRules:
            - issuer: https://issuer.example.com
              audiences:
              - "" # <-
            """, "spec.jwtRules[0].audiences[0]" },
        { "header location without name", """
            jwtRules:
            - issuer: https://issuer.example.com
              fromHeaders:
              - prefix: "Bearer " # <-
            """, "spec.jwtRules[0].fromHeaders[0].name is required" },
        { "invalid output header", """
            jwtRules:
            - issuer: https://issuer.example.com
              outputClaimToHeaders:
              - header: "x user" # <-
                claim: sub
            """, "spec.jwtRules[0].outputClaimToHeaders[0].header" },
        { "timeout below 1ms", """
            jwtRules:
            - issuer: https://issuer.example.com
              timeout: 0s # <-
            """, "spec.jwtRules[0].timeout" },
        { "selector and targetRefs", """
            selector: # <-
              matchLabels: {app: api}
            targetRefs:
            - {kind: Service, name: api}
            """, "spec.selector" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Ra(spec), path);
    }

    [Fact]
    public void TargetRef_is_deprecated()
    {
        AssertReported(Ra("""
            targetRef: {kind: Service, name: api} # <-
            """), "spec.targetRef", ProblemKind.Deprecated);
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Ra("""
            selector:
              matchLabels: {app: api}
            jwtRules:
            - issuer: https://accounts.example.com
              audiences: [api.example.com, mobile]
              jwksUri: https://accounts.example.com/.well-known/jwks.json
              fromHeaders:
              - {name: Authorization, prefix: "Bearer "}
              - {name: x-jwt}
              fromParams: [access_token]
              fromCookies: [session]
              outputPayloadToHeader: x-jwt-payload
              forwardOriginalToken: true
              outputClaimToHeaders:
              - {header: x-user, claim: sub}
              - {header: x-tenant, claim: org.tenant}
              timeout: 5s
              spaceDelimitedClaims: [roles]
            - issuer: testing@secure.istio.io
              jwks: '{"keys": [{"kty": "RSA", "e": "AQAB", "n": "xAE7eB6q"}]}'
            """));
    }
}
