using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Loading;

namespace Switchboard.Analysis.Framework;

/// <summary>
/// Runs analysis over loaded config:
/// 1. index the resources once (<see cref="MeshIndex"/>),
/// 2. run every analyzer; one that throws becomes an IST0001 message and the rest still run,
/// 3. add the loader's schema problems,
/// 4. drop suppressed messages and those outside the requested namespace, and sort.
/// </summary>
public sealed class MeshAnalyzer(IReadOnlyList<IAnalyzer>? analyzers = null)
{
    public IReadOnlyList<IAnalyzer> Analyzers { get; } = analyzers ?? AnalyzerRegistry.All;

    public AnalysisResult Analyze(LoadResult loaded, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        var mesh = new MeshIndex(loaded.Resources, options.RootNamespace);
        var context = new AnalysisContext(mesh, options.Time);
        foreach (var analyzer in Analyzers)
        {
            try
            {
                analyzer.Analyze(context);
            }
            catch (Exception ex)
            {
                context.Add(new AnalysisMessage(Catalogue.InternalError, Catalogue.InternalError.Format($"{analyzer.Name} failed: {ex.Message}"), null, null));
            }
        }
        foreach (var problem in loaded.Problems) context.Add(ProblemMessages.From(problem));

        var suppressions = new Suppressions(options.Suppressions, loaded.Resources);
        var messages = context.Messages
            .Where(m => options.Namespace is null || m.Resource is null || m.Resource.Namespace.Length == 0 || m.Resource.Namespace == options.Namespace)
            .Where(m => !suppressions.IsSuppressed(m))
            .Distinct()
            .OrderBy(m => m.Resource?.Namespace ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.Resource?.Kind ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.Resource?.Name ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.Location?.File ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.Location?.Line ?? 0)
            .ThenBy(m => m.Type.Code, StringComparer.Ordinal)
            .ToList();
        var namespaces = options.Namespace is { } ns ? [ns] : mesh.Namespaces.Order(StringComparer.Ordinal).ToList();
        return new AnalysisResult(messages, loaded.HasUnparseable, namespaces);
    }
}
