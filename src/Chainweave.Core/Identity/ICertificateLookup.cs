namespace Chainweave.Core.Identity;

/// <summary>Certificates registered on chain, by the chain suite's hash of their DER.</summary>
public interface ICertificateLookup
{
    /// <summary>The DER certificate with this hash, or null when none is registered. Must be thread-safe.</summary>
    byte[]? FindCertificate(ReadOnlySpan<byte> certHash);
}
