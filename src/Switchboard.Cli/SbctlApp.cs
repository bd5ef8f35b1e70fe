using System.CommandLine;
using Switchboard.Cli.Commands;

namespace Switchboard.Cli;

/// <summary>The <c>sbctl</c> command tree. Verbs mirror istioctl and kubectl so what a reader of the seed types works.</summary>
public static class SbctlApp
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("sbctl: the Switchboard service mesh CLI (speaks Istio's API)")
        {
            AnalyzeCommand.Create(output, error),
            ApplyCommand.Create("apply", output, error),
            ApplyCommand.Create("delete", output, error),
            GetCommand.Create(output, error),
            ProxyStatusCommand.Create(output, error),
            ProxyConfigCommand.Create(output, error),
            DescribeCommand.Create(output, error),
            TlsCheckCommand.Create(output, error),
            AuthzCheckCommand.Create(output, error),
            UpCommand.CreateUp(output, error),
            UpCommand.CreateDown(output),
            ExecCommand.Create(error),
            LogsCommand.Create(output, error),
            ControlPlaneCommand.Create(output),
            IptablesCommand.Create(output, error),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"Error: {e.Message}");
            error.WriteLine("Run 'sbctl --help' for usage.");
            return ExitCodes.Usage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
