using Switchboard.Config.Source;

namespace Switchboard.Config.Loading;

/// <summary>Everything loaded from a set of paths: the resources, every problem found, and the files read.</summary>
public sealed record LoadResult(IReadOnlyList<Resource> Resources, IReadOnlyList<ConfigProblem> Problems, IReadOnlyList<string> Files)
{
    /// <summary>True when some input could not be parsed at all (istioctl's exit code 65).</summary>
    public bool HasUnparseable => Problems.Any(p => p.Kind == ProblemKind.Unparseable);
}
