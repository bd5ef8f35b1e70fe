namespace Switchboard.Telemetry.Expressions;

/// <summary>
/// The static type the checker infers for an expression. <see cref="Dyn"/> means "known only at run time"
/// (e.g. <c>filter_state['k']</c>) and is compatible with every other type.
/// </summary>
public enum CelType
{
    Dyn,
    Null,
    Bool,
    Int,
    Uint,
    Double,
    String,
    Timestamp,
    Duration,
    List,
    Map,
}
