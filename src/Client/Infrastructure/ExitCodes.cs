namespace Mentia.Client.Infrastructure;

/// <summary>The CLI's contract with scripts: 0 ok, 1 failure, 2 bad input.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
