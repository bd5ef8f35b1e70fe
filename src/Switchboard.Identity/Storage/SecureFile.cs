namespace Switchboard.Identity.Storage;

/// <summary>
/// Writes key and certificate files atomically and with their final mode from the first byte: the content goes
/// to a temporary file created with the target mode (0600 for keys, so there is no moment at which a key is
/// readable by others), is flushed to disk, then renamed over the target. A crash leaves the old file or the
/// new one, never a torn one.
/// </summary>
public static class SecureFile
{
    /// <summary>Owner read/write only: private keys.</summary>
    public const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read/write, everyone read: certificates.</summary>
    public const UnixFileMode Public = Secret | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; with <paramref name="overwrite"/> false an existing file wins.</summary>
    /// <returns>False when the file already existed and was kept (another process created it first).</returns>
    public static bool Write(string path, string content, UnixFileMode mode, bool overwrite = true)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            // The process umask may have cleared bits of a Public file; set the exact mode before it becomes visible.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, mode);
            if (!overwrite && File.Exists(path)) return false;
            File.Move(temp, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            return false;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Creates a directory for keys as 0700 (an existing directory keeps its mode).</summary>
    public static void CreateDirectory(string directory)
    {
        if (Directory.Exists(directory)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>True when a key file can be read by group or others (OpenSSH refuses such keys; so do we).</summary>
    public static bool IsExposed(string path) =>
        !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0;
}
