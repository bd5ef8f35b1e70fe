namespace Switchboard.Model;

/// <summary>
/// Istio's <c>exportTo</c> rule, shared by Services (annotation <c>networking.istio.io/exportTo</c>),
/// ServiceEntries, VirtualServices and DestinationRules: empty or <c>*</c> = every namespace,
/// <c>.</c> = the owner's namespace, <c>~</c> = none, otherwise the listed namespaces.
/// </summary>
public static class ExportTo
{
    /// <summary>The annotation a Kubernetes Service uses in place of an <c>exportTo</c> field.</summary>
    public const string Annotation = "networking.istio.io/exportTo";

    public static bool IsVisible(IReadOnlyList<string> exportTo, string ownerNamespace, string viewerNamespace)
    {
        if (exportTo.Count == 0) return true;
        foreach (var entry in exportTo)
        {
            if (entry == "*" || entry == viewerNamespace) return true;
            if (entry == "." && ownerNamespace == viewerNamespace) return true;
        }
        return false;
    }

    /// <summary>Parses the comma-separated annotation value (<c>".,istio-system"</c>).</summary>
    public static IReadOnlyList<string> ParseAnnotation(IReadOnlyDictionary<string, string> annotations) =>
        annotations.TryGetValue(Annotation, out var value)
            ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
}
