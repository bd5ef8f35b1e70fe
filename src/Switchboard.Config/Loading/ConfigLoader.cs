using System.Text;
using System.Text.Unicode;
using Switchboard.Config.Binding;
using Switchboard.Config.Nodes;
using Switchboard.Config.Source;
using Switchboard.Config.Validation;

namespace Switchboard.Config.Loading;

/// <summary>
/// Loads config from files and directories (recursively; <c>.yaml</c>, <c>.yml</c>, <c>.json</c>):
/// 1. read each file (refusing huge and binary ones), 2. parse it into located documents,
/// 3. turn each document into a typed <see cref="Resource"/> (kind lookup, strict binding),
/// 4. validate it. A bad file or document is reported and skipped; everything else still loads.
/// </summary>
public sealed class ConfigLoader(LoaderLimits? limits = null)
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Whether a directory load reads <paramref name="path"/> (by extension, as <see cref="Load"/> chooses files).</summary>
    public static bool IsConfigFile(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> TopLevel = ["apiVersion", "kind", "metadata", "spec", "status"];

    private readonly LoaderLimits _limits = limits ?? LoaderLimits.Default;

    /// <summary>Loads every config file under <paramref name="paths"/>.</summary>
    public LoadResult Load(IEnumerable<string> paths)
    {
        var problems = new List<ConfigProblem>();
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(ConfigFilesUnder(path));
            else if (File.Exists(path)) files.Add(path);
            else problems.Add(new ConfigProblem(ProblemKind.Unparseable, "no such file or directory", SourceLocation.OfFile(path)));
        }
        // Files parse independently; each yields its own resources and problems, merged in file order.
        var perFile = new (List<Resource> Resources, List<ConfigProblem> Problems)[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var fileProblems = new List<ConfigProblem>();
            try
            {
                perFile[i] = (LoadFile(files[i], fileProblems), fileProblems);
            }
            catch (Exception ex)
            {
                // A loader bug must cost one file, never the run: report it where it happened.
                fileProblems.Add(new ConfigProblem(ProblemKind.Unparseable, $"internal error while loading this file: {ex.GetType().Name}: {ex.Message}", SourceLocation.OfFile(files[i])));
                perFile[i] = ([], fileProblems);
            }
        });
        var resources = new List<Resource>();
        foreach (var (fileResources, fileProblems) in perFile)
        {
            resources.AddRange(fileResources);
            problems.AddRange(fileProblems);
        }
        return new LoadResult(resources, problems, files);
    }

    /// <summary>Loads config from text, as if read from <paramref name="file"/> (tests and stdin).</summary>
    public LoadResult LoadText(string text, string file = "<input>")
    {
        var problems = new List<ConfigProblem>();
        var documents = YamlNodeReader.Read(text, file, _limits, problems);
        return new LoadResult(ToResources(documents, problems), problems, [file]);
    }

    private static IEnumerable<string> ConfigFilesUnder(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(directory, "*", options)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') && part.Length > 1 && part != ".."))
            .Order(StringComparer.Ordinal);
    }

    private List<Resource> LoadFile(string file, List<ConfigProblem> problems)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > _limits.MaxFileBytes)
            {
                problems.Add(new ConfigProblem(ProblemKind.Unparseable,
                    $"file is {length / 1048576.0:F1} MB, over the {_limits.MaxFileBytes / 1048576} MB limit for one config file; split it", SourceLocation.OfFile(file)));
                return [];
            }
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ConfigProblem(ProblemKind.Unparseable, $"cannot read file: {ex.Message}", SourceLocation.OfFile(file)));
            return [];
        }
        if (Describe(bytes) is { } binary)
        {
            problems.Add(new ConfigProblem(ProblemKind.Unparseable, binary, binary.StartsWith("binary", StringComparison.Ordinal) ? SourceLocation.OfFile(file) : LocateInvalidUtf8(bytes, file)));
            return [];
        }
        var documents = Path.GetExtension(file).Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? JsonNodeReader.Read(bytes, file, _limits, problems)
            : YamlNodeReader.Read(Encoding.UTF8.GetString(bytes), file, _limits, problems);
        if (documents.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ConfigProblem(ProblemKind.SchemaWarning, "file holds no YAML documents (nothing to load)", SourceLocation.OfFile(file)));
        }
        return ToResources(documents, problems);
    }

    /// <summary>Says why bytes are not config text: NUL bytes (binary) or invalid UTF-8; null when they are fine.</summary>
    private static string? Describe(byte[] bytes)
    {
        if (bytes.AsSpan().IndexOf((byte)0) >= 0) return "binary file (contains NUL bytes), not YAML or JSON";
        return Utf8.IsValid(bytes) ? null : "file is not valid UTF-8 text";
    }

    /// <summary>The first line holding invalid UTF-8.</summary>
    private static SourceLocation LocateInvalidUtf8(byte[] bytes, string file)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] != (byte)'\n') continue;
            if (!Utf8.IsValid(bytes.AsSpan(start, i - start))) return new SourceLocation(file, line, 1);
            line++;
            start = i + 1;
        }
        return SourceLocation.OfFile(file);
    }

    private static List<Resource> ToResources(IReadOnlyList<ParsedDocument> documents, List<ConfigProblem> problems)
    {
        var resources = new List<Resource>();
        foreach (var document in documents)
        {
            if (document.Root is null or ScalarNode { Type: ScalarType.Null })
            {
                // kubectl and Helm skip empty documents; a warning keeps them visible without failing the run.
                if (documents.Count == 1 || document.Root is not null)
                    problems.Add(new ConfigProblem(ProblemKind.SchemaWarning, "empty document (nothing to load)", document.Start));
                continue;
            }
            if (document.Root is not MappingNode map)
            {
                problems.Add(new ConfigProblem(ProblemKind.Schema, $"a resource must be a mapping with apiVersion and kind, got a {document.Root.Describe()}", document.Root.Location));
                continue;
            }
            AddResource(map, resources, problems);
        }
        return resources;
    }

    private static void AddResource(MappingNode map, List<Resource> resources, List<ConfigProblem> problems)
    {
        var kindNode = map.Get("kind") as ScalarNode;
        var apiNode = map.Get("apiVersion") as ScalarNode;
        if (kindNode is null || kindNode.Type != ScalarType.String || kindNode.Value.Length == 0)
        {
            problems.Add(new ConfigProblem(ProblemKind.Schema, "document has no kind (every resource needs apiVersion and kind)", map.Location));
            return;
        }
        if (kindNode.Value.EndsWith("List", StringComparison.Ordinal) && map.Get("items") is SequenceNode items)
        {
            // `kubectl get -o yaml` output: a List whose items are resources.
            foreach (var item in items.Items)
            {
                if (item is MappingNode m) AddResource(m, resources, problems);
                else problems.Add(new ConfigProblem(ProblemKind.Schema, $"a List item must be a mapping, got a {item.Describe()}", item.Location));
            }
            return;
        }
        if (apiNode is null || apiNode.Type != ScalarType.String || apiNode.Value.Length == 0)
        {
            problems.Add(new ConfigProblem(ProblemKind.Schema, $"{kindNode.Value} has no apiVersion", map.Location));
            return;
        }
        var (group, version) = KindRegistry.SplitApiVersion(apiNode.Value);
        var kind = KindRegistry.Find(group, kindNode.Value);
        if (kind is null)
        {
            ReportUnknownKind(group, kindNode, problems);
            return;
        }
        var name = (map.Get("metadata") as MappingNode)?.Get("name") as ScalarNode;
        var nsNode = (map.Get("metadata") as MappingNode)?.Get("namespace") as ScalarNode;
        var ns = kind.Namespaced ? (string.IsNullOrEmpty(nsNode?.Value) ? "default" : nsNode.Value) : "";
        var key = new ResourceKey(kind.Kind, ns, name?.Value ?? "");
        var ctx = new BindContext(key, problems);
        if (!kind.Versions.Contains(version))
        {
            ctx.Error(apiNode, $"{kind.Kind} is served as {string.Join(", ", kind.Versions.Select(v => kind.Group.Length == 0 ? v : $"{kind.Group}/{v}"))}, not {apiNode.Value}");
        }
        var metadata = map.Get("metadata") is { } metaNode ? ConfigBinder.Bind<ObjectMeta>(metaNode, "metadata", ctx) : null;
        if (metadata is null || string.IsNullOrEmpty(metadata.Name))
        {
            ctx.Error(map.Get("metadata") ?? map, "metadata.name is required");
            metadata ??= new ObjectMeta();
        }
        var spec = BindSpec(kind, map, ctx);
        var resource = kind.Create(apiNode.Value, metadata, spec, new ResourceSource(map.Location, map));
        kind.Validator?.Validate(resource, new ValidationContext(resource, problems));
        resources.Add(resource);
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Spec types are config records, rooted by the apps that bind them.")]
    private static object BindSpec(KindInfo kind, MappingNode map, BindContext ctx)
    {
        if (kind.SpecField)
        {
            foreach (var (key, _) in map.Entries)
            {
                if (TopLevel.Contains(key.Value)) continue;
                var guess = NameSuggester.Closest(key.Value, TopLevel);
                ctx.Error(key, $"unknown field \"{key.Value}\" in the document" + (guess is null ? "" : $"; did you mean \"{guess}\"?"));
            }
            var specNode = map.Get("spec");
            return (specNode is null ? null : ConfigBinder.Bind(specNode, kind.SpecType, "spec", ctx)) ?? Activator.CreateInstance(kind.SpecType)!;
        }
        // Kinds without a spec field: everything but apiVersion/kind/metadata is the body.
        var body = new MappingNode(map.Location, map.Entries.Where(e => e.Key.Value is not ("apiVersion" or "kind" or "metadata")).ToList());
        return ConfigBinder.Bind(body, kind.SpecType, "", ctx) ?? Activator.CreateInstance(kind.SpecType)!;
    }

    private static void ReportUnknownKind(string group, ScalarNode kindNode, List<ConfigProblem> problems)
    {
        if (KindRegistry.Unsupported.TryGetValue(kindNode.Value, out var why) && KindRegistry.IstioGroups.Contains(group))
        {
            problems.Add(new ConfigProblem(ProblemKind.SchemaWarning, why, kindNode.Location));
            return;
        }
        if (!KindRegistry.IstioGroups.Contains(group))
        {
            var known = KindRegistry.All.FirstOrDefault(k => k.Kind == kindNode.Value);
            if (known is not null)
            {
                problems.Add(new ConfigProblem(ProblemKind.Schema, $"{kindNode.Value} belongs to API group \"{(known.Group.Length == 0 ? "core (apiVersion: v1)" : known.Group)}\", not \"{group}\"", kindNode.Location));
            }
            // Otherwise someone else's resource (a ClusterRole, a CRD of another tool): not ours to judge.
            return;
        }
        var guess = NameSuggester.Closest(kindNode.Value, KindRegistry.KindsInGroup(group));
        problems.Add(new ConfigProblem(ProblemKind.Schema, $"unknown kind \"{kindNode.Value}\" in {group}" + (guess is null ? "" : $"; did you mean \"{guess}\"?"), kindNode.Location));
    }
}
