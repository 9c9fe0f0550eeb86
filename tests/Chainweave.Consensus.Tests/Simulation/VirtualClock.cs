namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>Simulation time in milliseconds since genesis; only the simulation loop moves it.</summary>
public sealed class VirtualClock : TimeProvider
{
    public long NowMs { get; private set; }

    public override DateTimeOffset GetUtcNow() => TestChain.GenesisTime.AddMilliseconds(NowMs + 1000);

    public void AdvanceTo(long ms)
    {
        if (ms > NowMs)
        {
            NowMs = ms;
        }
    }
}
