namespace Switchboard.Telemetry.Tests.TestSupport;

/// <summary>Locates this test project's source folder (for the checked-in corpus) from the test's output directory.</summary>
internal static class RepoPaths
{
    public static string Project(params string[] parts) => Path.Combine([Root, "test", "Switchboard.Telemetry.Tests", .. parts]);

    private static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Switchboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Switchboard.sln not found above " + AppContext.BaseDirectory);
    }
}
