namespace Chainweave.Core.Identity;

/// <summary>Certificates revoked or frozen on chain, by the chain suite's hash of their DER.</summary>
public interface IRevocationList
{
    /// <summary>Called on every resolution, so it must be cheap and thread-safe.</summary>
    bool IsRevoked(ReadOnlySpan<byte> certHash);
}
