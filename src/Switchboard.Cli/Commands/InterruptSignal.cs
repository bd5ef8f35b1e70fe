using System.Runtime.InteropServices;

namespace Switchboard.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) for a command that must tear down what it made. A shell without job control starts a background
/// command (<c>sbctl up … &amp;</c> in a script) with SIGINT ignored (POSIX: asynchronous lists ignore SIGINT and
/// SIGQUIT), and an ignored disposition is inherited across exec. .NET keeps an inherited SIG_IGN for SIGINT as it
/// found it, at start-up, for good: a <see cref="PosixSignalRegistration"/> then never fires, and resetting the
/// disposition later only makes SIGINT kill the process with nothing torn down (tried: the registration is not
/// installed after the fact). So <see cref="EnsureDeliverable"/> resets it and executes the same command line again,
/// before anything is made: the new runtime starts with SIGINT at its default, and handles it like any Ctrl-C.
/// </summary>
public static class InterruptSignal
{
    private const int SigInt = 2;
    private static readonly IntPtr SigDfl = 0, SigIgn = 1;

    /// <summary>If SIGINT arrived ignored, re-executes this process with it at its default; returns only if it did not need to (or could not).</summary>
    public static void EnsureDeliverable()
    {
        if (!OperatingSystem.IsLinux() || !Ignored(SigInt)) return;
        // The real argv (dotnet, sbctl.dll, up, …), NUL-separated and NUL-terminated; empty arguments are kept.
        var argv = File.ReadAllText("/proc/self/cmdline").Split('\0')[..^1];
        _ = Signal(SigInt, SigDfl);
        _ = Exec("/proc/self/exe", [.. argv, null]);
        // execv returns only on failure: carry on with SIGINT ignored again (SIGTERM still takes the mesh down).
        _ = Signal(SigInt, SigIgn);
    }

    public static PosixSignalRegistration Register(CancellationTokenSource stop) =>
        PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

    /// <summary>Whether the signal's handler is SIG_IGN: sigaction(2) with no new action reads it (the handler is the struct's first field).</summary>
    private static bool Ignored(int signal)
    {
        var old = new byte[512]; // glibc's struct sigaction is 152 bytes on x86-64 and arm64
        return SigAction(signal, IntPtr.Zero, old) == 0 && BitConverter.ToInt64(old, 0) == SigIgn;
    }

    [DllImport("libc", EntryPoint = "sigaction")]
    private static extern int SigAction(int signal, IntPtr action, [Out] byte[] old);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);

    // LPStr is UTF-8 on Unix.
    [DllImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static extern int Exec([MarshalAs(UnmanagedType.LPStr)] string path, [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv);
}
