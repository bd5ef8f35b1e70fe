namespace Switchboard.Telemetry.Expressions;

/// <summary>The runtime kind of a <see cref="Value"/>; <see cref="Error"/> is first so <c>default(Value)</c> is an error.</summary>
public enum ValueKind
{
    Error,
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
