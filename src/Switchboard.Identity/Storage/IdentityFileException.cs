namespace Switchboard.Identity.Storage;

/// <summary>A CA or key file that cannot be used; the message starts with the file's path so an operator knows which one to fix.</summary>
public sealed class IdentityFileException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string Path { get; } = path;
}
