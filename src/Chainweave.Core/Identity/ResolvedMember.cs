using Chainweave.Core.Crypto;

namespace Chainweave.Core.Identity;

/// <summary>
/// A member whose certificate (or, in identity mode `key`, public key) has been checked against the
/// chain's trust roots. Instances are cached and shared between threads: treat them as immutable.
/// </summary>
public sealed class ResolvedMember
{
    public ResolvedMember(
        string orgId,
        MemberRole role,
        string commonName,
        ReadOnlyMemory<byte> certHash,
        IVerifier publicKey,
        long notBeforeMs,
        long notAfterMs,
        ReadOnlyMemory<byte> certificateDer)
    {
        OrgId = orgId;
        Role = role;
        CommonName = commonName;
        CertHash = certHash;
        PublicKey = publicKey;
        NotBeforeMs = notBeforeMs;
        NotAfterMs = notAfterMs;
        CertificateDer = certificateDer;
    }

    public string OrgId { get; }

    public MemberRole Role { get; }

    /// <summary>The certificate's CN, e.g. "client1.org1"; empty in identity mode `key`.</summary>
    public string CommonName { get; }

    /// <summary>Chain-suite hash of the certificate DER (of the SPKI DER in identity mode `key`).</summary>
    public ReadOnlyMemory<byte> CertHash { get; }

    public IVerifier PublicKey { get; }

    /// <summary>Unix milliseconds from which the member is valid (the later of certificate and CA).</summary>
    public long NotBeforeMs { get; }

    /// <summary>Unix milliseconds until which the member is valid, inclusive (the earlier of certificate and CA).</summary>
    public long NotAfterMs { get; }

    /// <summary>The certificate DER; empty in identity mode `key`.</summary>
    public ReadOnlyMemory<byte> CertificateDer { get; }
}
