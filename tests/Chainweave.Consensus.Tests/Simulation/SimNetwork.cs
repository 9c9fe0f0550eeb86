using Chainweave.Api.Consensus;
using Chainweave.Consensus.Tbft;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>
/// A deterministic network of simulated validators on a virtual clock: one event queue of message
/// deliveries, timers and transaction arrivals, run in time order on the test's thread. Messages pass
/// through pluggable <see cref="IFaultRule"/>s (drop, delay, duplicate, partition); every delivery
/// goes through the replica's own checks, as from the real network.
/// </summary>
public sealed class SimNetwork : IDisposable
{
    private readonly PriorityQueue<Action, (long Time, long Seq)> _events = new();
    private readonly string _folder;
    private long _seq;

    /// <param name="twinsOf">Validators whose key and node id also run on one extra node each (Twins): node n + k runs validator twinsOf[k].</param>
    public SimNetwork(TestChain chain, int seed = 1, TbftOptions? options = null, IReadOnlyList<int>? twinsOf = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        Chain = chain;
        Random = new Random(seed);
        Validators = new TbftValidatorSet(chain.Config, chain.Suite);
        Safety = new SafetyChecker(new CommitCertificateVerifier(Validators));
        _folder = Path.Combine(Path.GetTempPath(), "cw-tbft-" + Guid.NewGuid().ToString("N")[..12]);
        var nodeOptions = options ?? DefaultOptions;
        for (var i = 0; i < chain.Count; i++)
        {
            Nodes.Add(new SimNode(this, chain, i, Path.Combine(_folder, $"node{i}"), nodeOptions));
        }

        foreach (var validator in twinsOf ?? [])
        {
            var index = Nodes.Count;
            Nodes.Add(new SimNode(this, chain, index, Path.Combine(_folder, $"node{index}-twin-of-{validator}"), nodeOptions, validator));
        }

        Signatures = new DoubleSignDetector(Nodes.ConvertAll(node => node.NodeId));
    }

    /// <summary>Fast tests: no fsync (no real crash can hit them); everything else as in production.</summary>
    public static TbftOptions DefaultOptions { get; } = new() { WalFolder = "unused", DurableWrites = false };

    public TestChain Chain { get; }

    public TbftValidatorSet Validators { get; }

    public VirtualClock Clock { get; } = new();

    public Random Random { get; }

    public List<SimNode> Nodes { get; } = [];

    public List<IFaultRule> Rules { get; } = [];

    public SafetyChecker Safety { get; }

    public DoubleSignDetector Signatures { get; }

    public long LatencyMs { get; set; } = 2;

    public int Delivered { get; private set; }

    public int Dropped { get; private set; }

    /// <summary>Deliveries the receiver judged invalid (bad signature, non-validator, ...).</summary>
    public int InvalidDeliveries { get; private set; }

    public static SimNetwork Start(int validators = 4, int seed = 1, TbftOptions? options = null)
    {
        var network = new SimNetwork(TestChain.Create(validators), seed, options);
        network.StartAll();
        return network;
    }

    public void StartAll()
    {
        foreach (var node in Nodes)
        {
            node.Start();
        }
    }

    /// <summary>The first node running that node id (for twins, the original).</summary>
    public int IndexOf(ReadOnlySpan<byte> nodeId)
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (nodeId.SequenceEqual(Nodes[i].NodeId))
            {
                return i;
            }
        }

        throw new ArgumentException("Unknown node id.", nameof(nodeId));
    }

    /// <summary>Adds transactions to the pools of the given nodes (all when none are named), as gossip would.</summary>
    public List<byte[]> Submit(int count, string prefix = "tx", params int[] nodes)
    {
        var envelopes = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            envelopes.Add(FakeTxSource.EvidenceEnvelope(Chain.Config.ChainId, $"{prefix}-{_seq}-{i}"));
        }

        var targets = nodes.Length == 0 ? Enumerable.Range(0, Nodes.Count).ToArray() : nodes;
        foreach (var index in targets)
        {
            foreach (var envelope in envelopes)
            {
                Nodes[index].Source.Add(envelope);
            }

            Nodes[index].TxsArrived();
        }

        _seq++;
        return envelopes;
    }

    public void Send(int from, int to, ConsensusMessage message)
    {
        var flight = new SimMessage(from, to, message, Clock.NowMs);
        Fate? fate = null;
        foreach (var rule in Rules)
        {
            fate = rule.Decide(flight, Random);
            if (fate is not null)
            {
                break;
            }
        }

        var decided = fate ?? Fate.After(LatencyMs);
        if (decided.Drop)
        {
            Dropped++;
            return;
        }

        for (var copy = 0; copy < decided.Copies; copy++)
        {
            At(Clock.NowMs + Math.Max(1, decided.DelayMs) + copy, () => Deliver(from, to, message));
        }
    }

    /// <summary>Delivers a message to one node as if <paramref name="from"/> sent it (for Byzantine senders), bypassing fault rules.</summary>
    public void Inject(int from, int to, ConsensusMessage message) => At(Clock.NowMs + LatencyMs, () => Deliver(from, to, message));

    public void At(long timeMs, Action action) => _events.Enqueue(action, (Math.Max(timeMs, Clock.NowMs), _seq++));

    /// <summary>Runs events until the condition holds (checked after each) or virtual time passes the limit.</summary>
    public bool RunUntil(Func<bool> condition, long maxMs = 60_000)
    {
        var deadline = Clock.NowMs + maxMs;
        while (!condition())
        {
            if (!_events.TryPeek(out _, out var when) || when.Time > deadline)
            {
                Clock.AdvanceTo(deadline);
                return condition();
            }

            RunOne();
        }

        return true;
    }

    public void RunFor(long ms) => RunUntil(static () => false, ms);

    /// <summary>True when every listed node (all when none) has committed at least this height.</summary>
    public bool AllCommitted(ulong height, params int[] nodes)
    {
        foreach (var node in nodes.Length == 0 ? Nodes : nodes.Select(i => Nodes[i]))
        {
            if (node.CommittedHeight < height)
            {
                return false;
            }
        }

        return true;
    }

    public ConsensusMessage SignedVote(int signer, VoteType type, ulong height, int round, ByteString blockHash)
    {
        var vote = new ConsensusVote { Type = type, Height = height, Round = (uint)round, BlockHash = blockHash, Validator = Nodes[signer].Id };
        using var key = Chain.Signer(Nodes[signer].ValidatorIndex);
        vote.Signature = ByteString.CopyFrom(key.Sign(TbftSignBytes.Of(Chain.Config.ChainId, vote)));
        return new ConsensusMessage { Vote = vote };
    }

    public ConsensusMessage SignedProposal(int signer, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        using var key = Chain.Signer(Nodes[signer].ValidatorIndex);
        proposal.Signature = ByteString.CopyFrom(key.Sign(TbftSignBytes.Of(Chain.Config.ChainId, proposal)));
        return new ConsensusMessage { Proposal = proposal };
    }

    public void Dispose()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void RunOne()
    {
        _events.TryDequeue(out var action, out var when);
        Clock.AdvanceTo(when.Time);
        try
        {
            action!();
        }
        catch (SimulatedCrashException crash)
        {
            Nodes[crash.NodeIndex].Crash();
        }
    }

    private void Deliver(int from, int to, ConsensusMessage message)
    {
        var replica = Nodes[to].Replica;
        if (replica is null)
        {
            Dropped++;
            return;
        }

        switch (replica.Check(message))
        {
            case Delivery.Accepted:
                Delivered++;
                replica.OnMessage(Nodes[from].NodeId, message);
                break;
            case Delivery.Invalid:
                InvalidDeliveries++;
                break;
            default:
                break;
        }
    }
}
