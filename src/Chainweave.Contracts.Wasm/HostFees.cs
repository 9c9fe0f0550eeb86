namespace Chainweave.Contracts.Wasm;

/// <summary>
/// Gas the host charges for each import, on top of Wasmtime's fuel (1 fuel = 1 gas) and on top of
/// what the state layer itself charges for reads, writes and events. Consensus-critical.
/// </summary>
public static class HostFees
{
    /// <summary>Every host call, whatever it does.</summary>
    public const ulong CallBase = 20;

    /// <summary>Each byte copied between linear memory and the host, in either direction.</summary>
    public const ulong PerByte = 1;

    /// <summary>A range scan, plus <see cref="RangePerEntry"/> for each entry returned.</summary>
    public const ulong RangeBase = 100;

    public const ulong RangePerEntry = 100;

    /// <summary>A cross-contract call, before the callee's own gas.</summary>
    public const ulong NestedCall = 1_000;
}
