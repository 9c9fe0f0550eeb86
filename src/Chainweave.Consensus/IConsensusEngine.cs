namespace Chainweave.Consensus;

/// <summary>
/// Decides the next block. `solo` here; `tbft` and `raft` later behind the same shape. The engine
/// owns block production; the node feeds it transactions and hears of commits.
/// </summary>
public interface IConsensusEngine : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Starts deciding blocks in the background.</summary>
    void Start();

    /// <summary>Stops after the block in progress is committed (or abandoned before it was written).</summary>
    Task StopAsync();

    /// <summary>Faults when the engine stops for a reason other than StopAsync.</summary>
    Task Completion { get; }
}
