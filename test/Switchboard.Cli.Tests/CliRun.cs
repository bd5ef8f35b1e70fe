namespace Switchboard.Cli.Tests;

/// <summary>Runs sbctl in-process and captures what it prints.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SbctlApp.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }
}
