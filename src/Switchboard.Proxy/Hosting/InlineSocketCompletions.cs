namespace Switchboard.Proxy.Hosting;

/// <summary>
/// Where socket completions run. By default .NET's socket engine hands every completed receive and send from its epoll
/// thread to the thread pool, and Kestrel hands each connection's work to its own I/O queues: a forwarded request crosses
/// threads four or five times, and on a 2-core sidecar those hand-offs (wake-ups, context switches, idle workers spinning
/// in sched_yield) were about a fifth of the proxy's CPU per request (bench/README.md). With inline completions the epoll
/// thread runs the continuation itself: the proxy works like an event loop per engine thread, as Envoy and HAProxy do.
/// The cost is the event loop's rule: nothing on the request path may block (no synchronous socket I/O, no waiting on a
/// task), or it stalls every connection on that engine. The proxy's request path is asynchronous throughout, and Kestrel
/// refuses synchronous body I/O.
/// </summary>
public static class InlineSocketCompletions
{
    /// <summary>The runtime's switch, read once when its socket engine starts (there is no AppContext equivalent in .NET 10).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Turns inline completions on for this process unless the environment already says either way
    /// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c> restores the thread-pool hand-off). Must run before the
    /// first socket is made: the runtime reads the variable from the process's managed environment, which this sets.
    /// </summary>
    public static void EnableUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null) Environment.SetEnvironmentVariable(Variable, "1");
    }

    /// <summary>Whether the socket engine runs completions inline, so Kestrel should schedule inline too.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";
}
