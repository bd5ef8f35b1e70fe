namespace Switchboard.Runtime.Up;

/// <summary>
/// Who may pass through the state directory: the sidecars run as UID 1337 and must reach their own pod directory (their
/// token, the mesh root) while listing nothing, so every directory on the way lets others through and no further.
/// </summary>
internal static class StateDirectoryAccess
{
    /// <summary>
    /// Every directory above the state directory must let others through, or no sidecar can read its token and the
    /// pods never get ready: say so at once rather than after a minute of waiting for them.
    /// </summary>
    public static void EnsureReachable(string? directory)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        for (var dir = directory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (!File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute))
                throw new InvalidDataException($"the sidecars (UID 1337) cannot reach the state directory: {dir} does not let others through (chmod o+x {dir}, or another --state)");
        }
    }

    /// <summary>The owner may do anything; group and others may only pass through (no listing, no reading).</summary>
    public static void Traversable(string directory)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }
}
