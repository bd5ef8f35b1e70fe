namespace Switchboard.Proxy.Hosting;

/// <summary><c>switchboard-proxy</c>'s command line.</summary>
public static class ProxyCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("usage: switchboard-proxy --config DIR --workload NAMESPACE/NAME");
        return Task.FromResult(64);
    }
}
