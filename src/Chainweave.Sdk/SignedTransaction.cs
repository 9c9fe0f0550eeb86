namespace Chainweave.Sdk;

/// <summary>
/// A transaction ready to send: the envelope bytes exactly as signed, and its id (the chain suite's
/// hash of the payload bytes), so callers can match answers and look the transaction up later.
/// </summary>
public sealed class SignedTransaction
{
    public SignedTransaction(byte[] txId, byte[] payload, byte[] envelope)
    {
        ArgumentNullException.ThrowIfNull(txId);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(envelope);
        TxId = txId;
        Payload = payload;
        Envelope = envelope;
    }

    /// <summary>hash(payload bytes) under the chain's crypto suite.</summary>
    public byte[] TxId { get; }

    /// <summary>The encoded TxPayload that was signed.</summary>
    public byte[] Payload { get; }

    /// <summary>The encoded TxEnvelope: what travels to the node.</summary>
    public byte[] Envelope { get; }

    public string TxIdHex => Convert.ToHexStringLower(TxId);
}
