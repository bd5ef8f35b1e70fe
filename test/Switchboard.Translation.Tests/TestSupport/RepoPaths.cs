namespace Switchboard.Translation.Tests.TestSupport;

/// <summary>Locates the repository (examples/, this project's Golden/ and Fixtures/) from the test's output directory.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A path inside this test project's source folder.</summary>
    public static string Project(params string[] parts) => Path.Combine([Root, "test", "Switchboard.Translation.Tests", .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Switchboard.sln not found above " + AppContext.BaseDirectory);
    }
}
