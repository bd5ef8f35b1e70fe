namespace Switchboard.Analysis.Messages;

/// <summary>How serious a message is; thresholds compare these in order.</summary>
public enum MessageLevel { Info = 0, Warning = 1, Error = 2 }
