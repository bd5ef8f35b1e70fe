using Switchboard.Identity.Storage;
using Switchboard.Identity.Tests.Support;

namespace Switchboard.Identity.Tests.Ca;

/// <summary>Atomic writes with the final file mode: what keeps CA and token keys private.</summary>
public sealed class SecureFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Replacing_a_world_readable_file_leaves_a_0600_file_and_no_temporary()
    {
        var path = _dir.File("key.pem");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, SecureFile.Public);

        Assert.True(SecureFile.Write(path, "new", SecureFile.Secret));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(SecureFile.Secret, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Without_overwrite_an_existing_file_wins()
    {
        var path = _dir.File("key.pem");
        File.WriteAllText(path, "first");

        Assert.False(SecureFile.Write(path, "second", SecureFile.Secret, overwrite: false));

        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void A_missing_directory_is_created_0700()
    {
        var path = Path.Combine(_dir.Path, "state", "ca", "root-key.pem");

        SecureFile.Write(path, "k", SecureFile.Secret);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Exposure_is_detected_for_group_or_other_bits()
    {
        var path = _dir.File("key.pem");
        SecureFile.Write(path, "k", SecureFile.Secret);
        Assert.False(SecureFile.IsExposed(path));

        File.SetUnixFileMode(path, SecureFile.Secret | UnixFileMode.GroupRead);
        Assert.True(SecureFile.IsExposed(path));
    }
}
