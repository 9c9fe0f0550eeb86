using Chainweave.Storage.Ledger;
namespace Chainweave.Execution.Running;

/// <summary>
/// What native contracts are charged. Consensus-critical: changing a number changes results,
/// so change it only with a chain upgrade.
/// </summary>
public static class GasSchedule
{
    public const ulong TxBase = 1_000;
    public const ulong StateRead = 100;
    public const ulong StateWrite = 500;
    public const ulong PerByteWritten = 2;
    public const ulong EventBase = 200;
    public const ulong PerByteEmitted = 1;
}
