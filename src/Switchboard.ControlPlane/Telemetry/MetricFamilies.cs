using System.Text;

namespace Switchboard.ControlPlane.Telemetry;

/// <summary>
/// Merges Prometheus text expositions from several proxies into one: each family (<c># TYPE</c> and its samples) once,
/// all its samples together as the format requires, every sample given labels that say where it came from (the pod and
/// its namespace, as Kubernetes service discovery labels a scraped pod) so two pods' identical series stay distinct.
/// Only the families a prefix admits are kept (Istio's <c>istio_</c> metrics; not each proxy's process metrics).
/// </summary>
public sealed class MetricFamilies(string prefix)
{
    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);

    /// <summary>Adds one proxy's exposition, its samples labelled with <paramref name="labels"/> (already formatted, <c>a="b",c="d"</c>).</summary>
    public void Add(string exposition, string labels)
    {
        Family? current = null;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                current = parts.Length == 4 && parts[2].StartsWith(prefix, StringComparison.Ordinal) ? FamilyOf(parts[2], parts[3]) : null;
            }
            else if (line.Length > 0 && line[0] != '#' && current is not null && line.StartsWith(current.Name, StringComparison.Ordinal))
            {
                current.Samples.Add(WithLabels(line, labels));
            }
        }
    }

    /// <summary>A gauge sample of our own (e.g. whether a proxy could be scraped), kept with the others of its family.</summary>
    public void Gauge(string name, string labels, double value) =>
        FamilyOf(name, "gauge").Samples.Add(FormattableString.Invariant($"{name}{{{labels}}} {value}"));

    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var family in _families.Values)
        {
            sb.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            foreach (var sample in family.Samples) sb.Append(sample).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Prometheus label values escape backslash, double quote and newline.</summary>
    public static string Label(string name, string value) =>
        $"{name}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"";

    private Family FamilyOf(string name, string type)
    {
        if (!_families.TryGetValue(name, out var family)) _families[name] = family = new Family(name, type);
        return family;
    }

    /// <summary><c>name{x="1"} 5</c> → <c>name{pod="p",x="1"} 5</c>; <c>name 5</c> → <c>name{pod="p"} 5</c>.</summary>
    private static string WithLabels(string sample, string labels)
    {
        var brace = sample.IndexOf('{', StringComparison.Ordinal);
        var space = sample.IndexOf(' ', StringComparison.Ordinal);
        if (brace >= 0 && (space < 0 || brace < space))
            return sample[brace + 1] == '}' ? $"{sample[..(brace + 1)]}{labels}{sample[(brace + 1)..]}" : $"{sample[..(brace + 1)]}{labels},{sample[(brace + 1)..]}";
        return space < 0 ? sample : $"{sample[..space]}{{{labels}}}{sample[space..]}";
    }

    private sealed record Family(string Name, string Type)
    {
        public List<string> Samples { get; } = [];
    }
}
