using Chainweave.Core.Identity;

namespace Chainweave.Core.Tests.Identity;

/// <summary>Registered and revoked certificates for resolver tests, keyed by hex of the cert hash.</summary>
internal sealed class InMemoryCertificateRegistry : ICertificateLookup, IRevocationList
{
    private readonly Dictionary<string, byte[]> registered = [];
    private readonly HashSet<string> revoked = [];

    public int Lookups { get; private set; }

    public void Register(byte[] certHash, byte[] certificateDer) => registered[Convert.ToHexString(certHash)] = certificateDer;

    public void Revoke(byte[] certHash) => revoked.Add(Convert.ToHexString(certHash));

    public byte[]? FindCertificate(ReadOnlySpan<byte> certHash)
    {
        Lookups++;
        return registered.GetValueOrDefault(Convert.ToHexString(certHash));
    }

    public bool IsRevoked(ReadOnlySpan<byte> certHash) => revoked.Contains(Convert.ToHexString(certHash));
}
