using System.Globalization;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Config.Networking;

namespace Switchboard.Analysis.Analyzers.VirtualServices;

/// <summary>
/// Istio no longer requires weights to total 100: each destination gets weight/sum. That is easy to
/// misread (90 + 5 is not "90% and 5%"), so say the split that will actually happen.
/// </summary>
public sealed class RouteWeightAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.RouteWeightAnalyzer";
    public string Description => "Explains how traffic splits when route weights do not sum to 100";
    public IReadOnlyList<string> Inputs => ["VirtualService"];

    public void Analyze(AnalysisContext context)
    {
        foreach (var vs in context.Mesh.OfKind<VirtualServiceSpec>("VirtualService"))
        {
            for (var i = 0; i < vs.Spec.Http.Count; i++)
            {
                Check(context, vs, $"spec.http[{i}]", vs.Spec.Http[i].Route.Select(d => (d.Destination, d.Weight)).ToList());
            }
            for (var i = 0; i < vs.Spec.Tcp.Count; i++)
            {
                Check(context, vs, $"spec.tcp[{i}]", vs.Spec.Tcp[i].Route.Select(d => (d.Destination, d.Weight)).ToList());
            }
            for (var i = 0; i < vs.Spec.Tls.Count; i++)
            {
                Check(context, vs, $"spec.tls[{i}]", vs.Spec.Tls[i].Route.Select(d => (d.Destination, d.Weight)).ToList());
            }
        }
    }

    private static void Check(AnalysisContext context, Config.Resource vs, string path, List<(Destination? Destination, int? Weight)> destinations)
    {
        if (destinations.Count < 2) return;
        var sum = destinations.Sum(d => Math.Max(0, d.Weight ?? 0));
        if (sum == 100 || sum <= 0) return;
        var split = string.Join(", ", destinations.Select(d =>
            $"{Label(d.Destination)} {(100.0 * Math.Max(0, d.Weight ?? 0) / sum).ToString("0.#", CultureInfo.InvariantCulture)}%"));
        context.Report(Catalogue.WeightsNotSumTo100, vs, path + ".route", path, sum, split);
    }

    private static string Label(Destination? d) => d is null ? "?" : d.Subset is { Length: > 0 } s ? $"{d.Host}/{s}" : d.Host ?? "?";
}
