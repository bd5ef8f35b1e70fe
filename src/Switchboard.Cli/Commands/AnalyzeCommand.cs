using System.CommandLine;
using Switchboard.Analysis.Framework;
using Switchboard.Analysis.Messages;
using Switchboard.Cli.Output;
using Switchboard.Config.Loading;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>sbctl analyze [FILE|DIR]...</c>: istioctl analyze over config files. Differences from istioctl,
/// on purpose: there is no kube context, so without <c>-n</c> every namespace in the files is analyzed.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or directories of YAML/JSON config", Arity = ArgumentArity.ZeroOrMore };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Report only on resources in this namespace" };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Report on every namespace (the default without -n)" };
        var format = new Option<string>("--output", "-o") { Description = "Output format: log, json or yaml", DefaultValueFactory = _ => "log" };
        format.AcceptOnlyFromAmong("log", "json", "yaml");
        var failure = LevelOption("--failure-threshold", MessageLevel.Error, "Lowest level that makes the command fail (exit 79)");
        var outputThreshold = LevelOption("--output-threshold", MessageLevel.Info, "Lowest level printed");
        var suppress = new Option<string[]>("--suppress", "-S")
        {
            Description = "Suppress messages: \"CODE=Kind name.namespace\" (* wildcards allowed); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var list = new Option<bool>("--list-analyzers", "-L") { Description = "List the analyzers and exit" };

        var command = new Command("analyze", "Analyze Istio config files for errors and risky settings, as istioctl analyze does")
        {
            paths, ns, all, format, failure, outputThreshold, suppress, list,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                AnalyzerList.Write(output, AnalyzerRegistry.All);
                return ExitCodes.Ok;
            }
            var inputs = parse.GetValue(paths) ?? [];
            if (inputs.Length == 0)
            {
                error.WriteLine("Error: no files to analyze; give files or directories (sbctl analyze examples/payments)");
                return ExitCodes.Usage;
            }
            if (inputs.FirstOrDefault(i => i.StartsWith('-') && !File.Exists(i) && !Directory.Exists(i)) is { } flag)
            {
                error.WriteLine($"Error: unknown flag {flag}; see 'sbctl analyze --help'");
                return ExitCodes.Usage;
            }
            var options = new AnalysisOptions
            {
                Namespace = parse.GetValue(all) ? null : parse.GetValue(ns),
                Suppressions = parse.GetValue(suppress) ?? [],
            };
            AnalysisResult result;
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var loaded = new ConfigLoader().Load(inputs);
                var loadTime = clock.Elapsed;
                result = new MeshAnalyzer().Analyze(loaded, options);
                // SBCTL_TIMING=1 prints where the time went (bench/analyze uses it).
                if (Environment.GetEnvironmentVariable("SBCTL_TIMING") == "1")
                    error.WriteLine($"timing: load {loadTime.TotalMilliseconds:F0} ms ({loaded.Resources.Count} resources), analyze {(clock.Elapsed - loadTime).TotalMilliseconds:F0} ms");
            }
            catch (FormatException ex)
            {
                error.WriteLine($"Error: {ex.Message}");
                return ExitCodes.Usage;
            }
            var shown = result.Messages.Where(m => m.Level >= parse.GetValue(outputThreshold)).ToList();
            switch (parse.GetValue(format))
            {
                case "json":
                    MessageJson.Write(output, shown);
                    break;
                case "yaml":
                    MessageYaml.Write(output, shown);
                    break;
                default:
                    MessageLog.Write(output, error, shown, result, parse.GetValue(failure));
                    break;
            }
            if (result.HasUnparseableInput) return ExitCodes.UnparseableInput;
            return result.Messages.Any(m => m.Level >= parse.GetValue(failure)) ? ExitCodes.AnalyzersFoundIssues : ExitCodes.Ok;
        });
        return command;
    }

    private static Option<MessageLevel> LevelOption(string name, MessageLevel fallback, string description)
    {
        var option = new Option<MessageLevel>(name)
        {
            Description = description + " (Info, Warning, Error)",
            DefaultValueFactory = _ => fallback,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (Enum.TryParse<MessageLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(text, out _)) return level;
                r.AddError($"{name} must be Info, Warning or Error, not \"{text}\"");
                return fallback;
            },
        };
        return option;
    }
}
