using Switchboard.Config.Nodes;
using Switchboard.Config.Source;

namespace Switchboard.Config.Binding;

/// <summary>What binding one resource collects: its problems, each tagged with the resource.</summary>
public sealed class BindContext(ResourceKey? resource, List<ConfigProblem> problems)
{
    public ResourceKey? Resource { get; } = resource;
    public List<ConfigProblem> Problems { get; } = problems;

    public void Error(ConfigNode at, string message) => Problems.Add(new ConfigProblem(ProblemKind.Schema, message, at.Location, Resource));

    public void Deprecated(ConfigNode at, string message) => Problems.Add(new ConfigProblem(ProblemKind.Deprecated, message, at.Location, Resource));
}
