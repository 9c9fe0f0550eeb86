namespace Chainweave.Execution.Contracts;

/// <summary>What a running contract may see and do. State is scoped to the called contract.</summary>
public interface IContractContext
{
    byte[]? GetState(ReadOnlySpan<byte> key);

    /// <summary>Writes; throws <see cref="InvalidOperationException"/> in a read-only (query) context.</summary>
    void PutState(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    void DeleteState(ReadOnlySpan<byte> key);

    void Emit(string topic, IReadOnlyList<byte[]> data);

    /// <summary>The signer of the transaction; empty for queries.</summary>
    SenderInfo Sender { get; }

    /// <summary>Transaction id; empty for queries.</summary>
    ReadOnlyMemory<byte> TxId { get; }

    ulong BlockHeight { get; }

    long BlockTimeMs { get; }

    bool IsReadOnly { get; }

    /// <summary>Charges gas; returns false (and the call must stop) when the limit is exceeded.</summary>
    bool ChargeGas(ulong amount);
}

/// <summary>The resolved signer of a transaction.</summary>
public sealed record SenderInfo(string OrgId, string Role, byte[] CertHash)
{
    public static SenderInfo None { get; } = new(string.Empty, string.Empty, []);
}
