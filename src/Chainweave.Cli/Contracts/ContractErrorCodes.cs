namespace Chainweave.Cli.Contracts;

/// <summary>Codes of contract project commands that Core's ErrorCodes does not hold yet.</summary>
internal static class ContractErrorCodes
{
    /// <summary>node or npm is not installed or not on PATH.</summary>
    public const string ToolMissing = "TOOL_MISSING";

    /// <summary>npm ci or the AssemblyScript compiler failed.</summary>
    public const string BuildFailed = "CONTRACT_BUILD_FAILED";

    /// <summary>The contract SDK sources (contracts/sdk of the Chainweave checkout) cannot be found.</summary>
    public const string SdkMissing = "CONTRACT_SDK_MISSING";
}
