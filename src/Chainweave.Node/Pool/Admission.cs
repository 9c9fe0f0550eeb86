namespace Chainweave.Node.Pool;

/// <summary>The answer to a submitted transaction: accepted (with its id) or refused with a code and a sentence.</summary>
public readonly record struct Admission(bool Accepted, byte[] TxId, string Code, string Message)
{
    public static Admission Accept(byte[] txId) => new(true, txId, string.Empty, string.Empty);

    public static Admission Reject(byte[]? txId, string code, string message) => new(false, txId ?? [], code, message);
}
