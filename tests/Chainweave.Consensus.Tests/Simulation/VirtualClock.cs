namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>
/// Simulation time in milliseconds since genesis; only the simulation loop and test hooks move it.
/// Timestamps (what the replica measures durations with) follow it too, so a slow step can be simulated.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private long _nowMs;

    /// <summary>Read and moved with Interlocked: a hook run by parallel signature checks can advance it from several threads.</summary>
    public long NowMs => Interlocked.Read(ref _nowMs);

    public override long TimestampFrequency => 1000;

    public override DateTimeOffset GetUtcNow() => TestChain.GenesisTime.AddMilliseconds(NowMs + 1000);

    public override long GetTimestamp() => NowMs;

    public void AdvanceTo(long ms)
    {
        var now = NowMs;
        while (ms > now)
        {
            var seen = Interlocked.CompareExchange(ref _nowMs, ms, now);
            if (seen == now)
            {
                return;
            }

            now = seen;
        }
    }

    /// <summary>Moves time on by <paramref name="ms"/>, as work that takes that long would (thread-safe, adds up).</summary>
    public void Advance(long ms) => Interlocked.Add(ref _nowMs, ms);
}
