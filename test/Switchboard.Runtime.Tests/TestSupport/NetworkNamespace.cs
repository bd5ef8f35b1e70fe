using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>
/// Runs code inside a named network namespace (<c>/run/netns/NAME</c>) on a dedicated thread: setns(2) moves only the calling
/// thread, and a socket stays in the namespace it was created in, so sockets made here can then be used from any thread.
/// </summary>
internal static partial class NetworkNamespace
{
    private const int CloneNewNet = 0x40000000;
    private const int ReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC

    public static T Run<T>(string name, Func<T> action)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                var original = Open("/proc/thread-self/ns/net");
                var target = Open($"/run/netns/{name}");
                try
                {
                    Enter(target, name);
                    try
                    {
                        result = action();
                    }
                    finally
                    {
                        Enter(original, "the test's own namespace");
                    }
                }
                finally
                {
                    close(original);
                    close(target);
                }
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        if (error is not null) throw new InvalidOperationException($"running in network namespace {name} failed: {error.Message}", error);
        return result;
    }

    private static int Open(string path)
    {
        var fd = open(path, ReadOnlyCloseOnExec);
        return fd >= 0 ? fd : throw new Win32Exception(Marshal.GetLastPInvokeError(), $"open {path}");
    }

    private static void Enter(int fd, string what)
    {
        if (setns(fd, CloneNewNet) != 0) throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns into {what}");
    }

    [LibraryImport("libc.so.6", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int setns(int fd, int nstype);

    [LibraryImport("libc.so.6")]
    private static partial int close(int fd);
}
