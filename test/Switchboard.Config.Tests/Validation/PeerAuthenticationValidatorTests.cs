using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class PeerAuthenticationValidatorTests
{
    private static string Pa(string spec) => Doc("security.istio.io/v1", "PeerAuthentication", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "port level without selector", """
            mtls: {mode: STRICT}
            portLevelMtls: # <-
              8080: {mode: DISABLE}
            """, "spec.portLevelMtls" },
        { "port level with empty selector", """
            selector:
              matchLabels: {}
            portLevelMtls: # <-
              8080: {mode: DISABLE}
            """, "spec.portLevelMtls" },
        { "port zero", """
            selector:
              matchLabels: {app: reviews}
            portLevelMtls:
              0: {mode: DISABLE} # <-
            """, "spec.portLevelMtls[0]" },
        { "port not a number", """
            selector:
              matchLabels: {app: reviews}
            portLevelMtls:
              http: {mode: DISABLE} # <-
            """, "spec.portLevelMtls[http]" },
        { "empty port map", """
            selector:
              matchLabels: {app: reviews}
            portLevelMtls: {} # <-
            """, "spec.portLevelMtls" },
        { "selector label syntax", """
            selector:
              matchLabels:
                "app/": reviews # <-
            """, "spec.selector.matchLabels[app/]" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Pa(spec), path);
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Pa("""
            selector:
              matchLabels: {app: reviews}
            mtls: {mode: STRICT}
            portLevelMtls:
              8080: {mode: PERMISSIVE}
              "9090": {mode: DISABLE}
            """));
    }

    [Fact]
    public void Namespace_wide_policy_LoadsClean() => AssertClean(Pa("mtls: {mode: PERMISSIVE}"));
}
