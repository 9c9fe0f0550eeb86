namespace Chainweave.Cli;

/// <summary>Codes the CLI reports that Core's ErrorCodes does not hold yet.</summary>
internal static class CliErrorCodes
{
    /// <summary>A command-line value that cannot be used (unknown node or identity, malformed hex).</summary>
    public const string ArgumentInvalid = "ARGUMENT_INVALID";

    /// <summary>Accepted by the node but not committed within the wait.</summary>
    public const string TxTimeout = "TX_TIMEOUT";

    /// <summary>A node cannot listen because its port is taken.</summary>
    public const string PortInUse = "PORT_IN_USE";
}
