using Switchboard.Config.Source;

namespace Switchboard.Config.Validation;

/// <summary>Collects a validator's findings for one resource, locating each by field path.</summary>
public sealed class ValidationContext(Resource resource, List<ConfigProblem> problems)
{
    public Resource Resource { get; } = resource;

    /// <summary>A value the schema forbids (IST0106).</summary>
    public void Error(string path, string message) => Add(ProblemKind.Schema, path, message);

    /// <summary>A deprecated field or value (IST0002).</summary>
    public void Deprecated(string path, string message) => Add(ProblemKind.Deprecated, path, message);

    /// <summary>Allowed but likely wrong (IST0133).</summary>
    public void Warning(string path, string message) => Add(ProblemKind.SchemaWarning, path, message);

    private void Add(ProblemKind kind, string path, string message) =>
        problems.Add(new ConfigProblem(kind, $"{path}: {message}", Resource.Locate(path), Resource.Key));
}

/// <summary>Checks a bound spec for what types alone cannot say: ranges, exclusive fields, regex syntax.</summary>
public interface ISpecValidator
{
    void Validate(Resource resource, ValidationContext context);
}

/// <summary>A validator for one spec type.</summary>
public abstract class SpecValidator<TSpec> : ISpecValidator where TSpec : class
{
    public void Validate(Resource resource, ValidationContext context) => Validate((Resource<TSpec>)resource, context);

    protected abstract void Validate(Resource<TSpec> resource, ValidationContext context);
}
