using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm;

/// <summary>
/// Size limits of the <c>chainweave_v1</c> host interface. Consensus-critical: a change is a new
/// interface version.
/// </summary>
public static class HostLimits
{
    public const int MaxKeyBytes = 1024;
    public const int MaxValueBytes = 64 * 1024;
    public const int MaxReturnBytes = 64 * 1024;
    public const int MaxTopicBytes = 128;
    public const int MaxEventBytes = 16 * 1024;
    public const int MaxRangeEntries = 1000;
    public const int MaxRangeResultBytes = 1024 * 1024;
    public const int MaxCallArgsBytes = 64 * 1024;
    public const int MaxNameBytes = 128;
    public const int MaxRevertCodeBytes = 64;
    public const int MaxRevertMessageBytes = 1024;
    public const int MaxLogBytes = 1024;
    public const int MaxCallDepth = ContractLimits.MaxCallDepth;
}
