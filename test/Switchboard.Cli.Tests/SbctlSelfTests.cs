namespace Switchboard.Cli.Tests;

public sealed class SbctlSelfTests
{
    [Fact]
    public void A_bare_sbctl_is_this_sbctl() =>
        Assert.Equal(["dotnet", "/opt/sb/sbctl.dll", "x", "load", "http://api:8080/"], SbctlSelf.Resolve(["sbctl", "x", "load", "http://api:8080/"], "/opt/sb"));

    [Theory]
    [InlineData("./sbctl")]
    [InlineData("/usr/local/bin/sbctl")]
    [InlineData("curl")]
    public void Any_other_command_is_run_as_given(string program) =>
        Assert.Equal([program, "-s"], SbctlSelf.Resolve([program, "-s"], "/opt/sb"));
}
