using System.Runtime.InteropServices;

namespace Switchboard.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) for a command that must tear down what it made. A shell without job control starts a background
/// command (<c>sbctl up … &amp;</c> in a script) with SIGINT ignored (POSIX: asynchronous lists ignore SIGINT and
/// SIGQUIT), and an ignored disposition is inherited across exec; .NET then leaves it ignored, so a registration alone
/// never fires and <c>kill -INT</c> does nothing. An ignored disposition (only that: .NET's own handler, when it has
/// one, must stay) is reset to the default first — our handler is installed right after, so the default never acts —
/// and SIGINT works however up was started.
/// </summary>
public static class InterruptSignal
{
    private const int SigInt = 2;

    public static PosixSignalRegistration Register(CancellationTokenSource stop)
    {
        if (OperatingSystem.IsLinux() && Ignored(SigInt)) _ = Signal(SigInt, IntPtr.Zero); // SIG_DFL
        return PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
    }

    /// <summary>Whether the signal's handler is SIG_IGN (1): sigaction(2) with no new action reads it; the handler is the struct's first field.</summary>
    private static bool Ignored(int signal)
    {
        var old = new byte[512]; // glibc's struct sigaction is 152 bytes on x86-64 and arm64
        return SigAction(signal, IntPtr.Zero, old) == 0 && BitConverter.ToInt64(old, 0) == 1;
    }

    [DllImport("libc", EntryPoint = "sigaction")]
    private static extern int SigAction(int signal, IntPtr action, [Out] byte[] old);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);
}
