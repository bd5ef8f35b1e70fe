namespace Switchboard.Cli.Tests;

/// <summary><c>sbctl authz check</c> over the seed's payments config: the policies of a pod and the decision for a request.</summary>
public class AuthzCheckCommandTests
{
    private static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    private static string Check(params string[] request)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(SbctlApp.Run(["authz", "check", "production/payment-service-v1", "-f", Repo("examples", "payments"), .. request], output, error) == 0, error.ToString());
        return output.ToString();
    }

    private const string Checkout = "cluster.local/ns/production/sa/checkout-service-account";

    [Fact]
    public void Lists_the_policies_that_select_the_pod()
    {
        var output = Check();
        Assert.Contains("ALLOW   production/payment-service-allow-checkout-only", output);
    }

    [Fact]
    public void Checkout_with_the_role_claim_may_charge_and_names_the_rule()
    {
        var output = Check("--principal", Checkout, "--method", "POST", "--path", "/api/v1/charge", "--claim", "role=payment-processor");
        Assert.Contains("Decision: ALLOW by production/payment-service-allow-checkout-only rule 0", output);
    }

    [Theory]
    [InlineData("--principal", Checkout, "--method", "POST", "--path", "/api/v1/charge")] // no JWT claim
    [InlineData("--principal", Checkout, "--method", "POST", "--path", "/api/v1/charge", "--claim", "role=viewer")]
    [InlineData("--principal", "cluster.local/ns/production/sa/fraud-detection", "--method", "POST", "--path", "/api/v1/charge", "--claim", "role=admin")]
    [InlineData("--principal", Checkout, "--method", "GET", "--path", "/api/v1/charge", "--claim", "role=admin")]
    [InlineData("--principal", Checkout, "--method", "POST", "--path", "/api/v1/charge/../../v2/charge", "--claim", "role=admin")]
    public void Everything_else_is_denied(params string[] request)
    {
        Assert.Contains("Decision: DENY", Check(request));
    }

    [Fact]
    public void A_path_with_a_nul_is_a_400_before_any_policy()
    {
        Assert.Contains("400 Bad Request", Check("--path", "/api/v1/charge%00"));
    }
}
