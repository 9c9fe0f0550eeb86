using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;

namespace Chainweave.Execution.Scheduling;

/// <summary>
/// What one transaction read (single keys and key ranges) and what it wrote into the block. A failed
/// transaction keeps its reads, since they decided its result, but writes nothing.
/// </summary>
internal sealed class TxAccess
{
    private static readonly List<StateWrite> NoWrites = [];

    /// <summary>Keys read, in order; a key read twice is listed twice (the dependency graph dedupes).</summary>
    public List<StateKey> Reads { get; } = [];

    /// <summary>Range reads; null until the first one, since most transactions make none.</summary>
    public List<RangeRead>? Ranges { get; private set; }

    public IReadOnlyList<StateWrite> Writes { get; set; } = NoWrites;

    public void AddRange(string contract, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end)
    {
        Ranges ??= [];
        Ranges.Add(new RangeRead(contract, start.ToArray(), end.ToArray()));
    }
}

/// <summary>A range read of a contract's keys in [Start, End); an empty End has no bound.</summary>
internal readonly record struct RangeRead(string Contract, byte[] Start, byte[] End);
