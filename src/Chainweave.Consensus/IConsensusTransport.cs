using Chainweave.Api.Consensus;

namespace Chainweave.Consensus;

/// <summary>
/// How a BFT engine reaches the other validators. Implemented by the peer network (mutual TLS over
/// gRPC) and by the in-memory test network. Sending never blocks: a message for a peer whose queue
/// is full, or that is not connected, is dropped; the engine re-sends what matters on its timeouts.
/// </summary>
public interface IConsensusTransport
{
    /// <summary>Sends to every connected peer (never back to this node).</summary>
    void Broadcast(ConsensusMessage message);

    /// <summary>Sends to one peer, named by node id.</summary>
    void Send(ReadOnlySpan<byte> nodeId, ConsensusMessage message);
}

/// <summary>What the engine made of a message a peer delivered; the network bans peers that send invalid ones.</summary>
public enum Delivery
{
    /// <summary>Well-formed and correctly signed; taken.</summary>
    Accepted,

    /// <summary>Well-formed but of no use now (an old height, a duplicate); not the peer's fault.</summary>
    Ignored,

    /// <summary>Malformed, badly signed or from a non-validator: the peer misbehaves.</summary>
    Invalid,
}

/// <summary>Where the network hands consensus messages. Safe to call from many threads at once.</summary>
public interface IConsensusInbox
{
    Delivery Deliver(ReadOnlySpan<byte> fromNodeId, ConsensusMessage message);
}
