namespace Switchboard.Runtime.Up;

/// <summary>Another <c>sbctl up</c> holds the state directory.</summary>
public sealed class AlreadyRunningException(string message) : IOException(message);
