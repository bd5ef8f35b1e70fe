namespace Switchboard.Cli;

/// <summary>
/// How to start this very sbctl as another process (the sample workload of <c>sbctl up</c>, an <c>sbctl</c> run inside
/// a pod by <c>sbctl exec</c>): the dotnet host and the sbctl.dll beside this one, so no sbctl needs to be on the PATH
/// of the app's user, and the pod runs the same build as the command that started it.
/// </summary>
public static class SbctlSelf
{
    /// <summary><c>dotnet DIRECTORY/sbctl.dll</c>; the subcommand and its flags follow.</summary>
    public static IReadOnlyList<string> Command(string directory) => ["dotnet", Path.Combine(directory, "sbctl.dll")];

    /// <summary>
    /// <paramref name="command"/> with a leading bare <c>sbctl</c> replaced by <see cref="Command"/>, so
    /// <c>sbctl exec POD -- sbctl x load …</c> works as the app's user. A path (<c>./sbctl</c>, <c>/usr/local/bin/sbctl</c>)
    /// says which program to run and is left as it is, like any other command.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> command, string directory) =>
        command.Count > 0 && command[0] == "sbctl" ? [.. Command(directory), .. command.Skip(1)] : command;
}
