using System.Security.Cryptography;

namespace Switchboard.Identity.Storage;

/// <summary>
/// A P-256 private key kept in one PKCS#8 PEM file of mode 0600: created on first use, loaded afterwards.
/// Serves both the self-signed mesh root key and the bootstrap-token signing key.
/// </summary>
public static class EcKeyFile
{
    /// <summary>Loads the key at <paramref name="path"/>, or creates and persists a new one if there is none.</summary>
    /// <param name="path">The key file; its directory is created 0700 if missing.</param>
    /// <param name="created">True when this call made the key.</param>
    /// <exception cref="IdentityFileException">The file is readable by others, or is not an EC private key.</exception>
    public static ECDsa LoadOrCreate(string path, out bool created)
    {
        if (!File.Exists(path))
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            // overwrite: false, so two processes starting together agree on one key: the loser loads the winner's.
            if (SecureFile.Write(path, key.ExportPkcs8PrivateKeyPem(), SecureFile.Secret, overwrite: false))
            {
                created = true;
                return key;
            }
            key.Dispose();
        }
        created = false;
        return Load(path);
    }

    /// <summary>Loads an existing key, refusing one whose file is readable by group or others.</summary>
    public static ECDsa Load(string path)
    {
        if (SecureFile.IsExposed(path))
            throw new IdentityFileException(path, $"is readable or writable by group or others; run: chmod 600 {path}");
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new IdentityFileException(path, "does not hold an unencrypted EC private key in PEM: " + e.Message, e);
        }
    }
}
