namespace Switchboard.Cli;

/// <summary>Process exit codes, istioctl's numbers (sysexits) so scripts written for istioctl keep working.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Unknown = 1;
    public const int Usage = 64;
    public const int UnparseableInput = 65;
    public const int AnalyzersFoundIssues = 79;
}
