namespace Chainweave.Contracts.Wasm;

/// <summary>Node-local tuning of the engine. None of it changes results except the memory cap.</summary>
public sealed record WasmEngineOptions
{
    /// <summary>Linear memory per instance; a module declaring more is refused at install. Consensus-relevant.</summary>
    public int MaxMemoryBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Native stack one instance may use; recursion beyond it traps.</summary>
    public int MaxStackBytes { get; init; } = 128 * 1024;

    /// <summary>Wall-clock backstop per call; hitting it is a node failure, not a result.</summary>
    public TimeSpan ExecutionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the epoch timer ticks; the timeout is rounded up to whole ticks.</summary>
    public TimeSpan EpochTick { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Compiled modules kept, by code hash.</summary>
    public int ModuleCacheSize { get; init; } = 128;

    /// <summary>Memory and table bytes per pooled slot kept mapped between calls and cleared in place.</summary>
    public int KeepResidentBytes { get; init; } = 64 * 1024;

    /// <summary>Instances (and memories) the pooling allocator pre-reserves across all threads.</summary>
    public uint PoolSize { get; init; } = 256;
}
