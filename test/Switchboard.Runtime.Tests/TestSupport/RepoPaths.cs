namespace Switchboard.Runtime.Tests.TestSupport;

/// <summary>Locates this test project's source folder (for Golden/) from the test's output directory.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    /// <summary>A path inside this test project's source folder.</summary>
    public static string Project(params string[] parts) => Path.Combine([Root, "test", "Switchboard.Runtime.Tests", .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Switchboard.sln not found above " + AppContext.BaseDirectory);
    }
}
