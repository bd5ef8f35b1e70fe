using System.Globalization;
using System.Text;

namespace Switchboard.Cli.Top;

/// <summary>One sample of a Prometheus text exposition: the sample's name (e.g. <c>x_bucket</c>), its labels, its value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The label's value, or "" when the sample lacks it.</summary>
    public string this[string label] => Labels.GetValueOrDefault(label, "");

    /// <summary>Name and every label, in order: what makes two samples the same series across scrapes.</summary>
    public string SeriesKey => Name + "{" + string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
}

/// <summary>
/// Reads the Prometheus text format (version 0.0.4, what 15090 and the control plane serve): comment lines skipped,
/// <c>name{a="b",…} value [timestamp]</c> with label values unescaped (<c>\\</c>, <c>\"</c>, <c>\n</c>); a malformed line is
/// skipped rather than failing the whole scrape.
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyList<MetricSample> Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            if (ParseLine(line) is { } sample) samples.Add(sample);
        }
        return samples;
    }

    private static MetricSample? ParseLine(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ') i++;
        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (i < line.Length && line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"') return null;
                var key = line[i..eq].Trim();
                var value = new StringBuilder();
                var j = eq + 2;
                for (; j < line.Length && line[j] != '"'; j++)
                {
                    if (line[j] == '\\' && j + 1 < line.Length)
                    {
                        j++;
                        value.Append(line[j] == 'n' ? '\n' : line[j]);
                    }
                    else value.Append(line[j]);
                }
                if (j >= line.Length) return null;
                labels[key] = value.ToString();
                i = j + 1;
                if (i < line.Length && line[i] == ',') i++;
            }
            if (i >= line.Length) return null;
            i++;
        }
        var fields = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return name.Length > 0 && fields.Length >= 1 && TryValue(fields[0], out var number) ? new MetricSample(name, labels, number) : null;
    }

    /// <summary>A sample value: a float, or <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c> as the format spells them.</summary>
    public static bool TryValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            case "NaN": value = double.NaN; return true;
            default: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
