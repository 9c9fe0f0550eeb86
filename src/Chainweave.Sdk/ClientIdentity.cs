using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Identity;
using Google.Protobuf;

namespace Chainweave.Sdk;

/// <summary>
/// A signing identity loaded from an identity folder (cert.pem + key.pem): the member a transaction
/// names as its sender, and the key that signs it.
/// </summary>
public sealed class ClientIdentity : IDisposable
{
    private readonly bool _ownsSigner;

    private ClientIdentity(ICryptoSuite suite, string orgId, byte[] certificateDer, ISigner signer, Member member, bool ownsSigner)
    {
        Suite = suite;
        OrgId = orgId;
        CertificateDer = certificateDer;
        Signer = signer;
        Member = member;
        _ownsSigner = ownsSigner;
    }

    public ICryptoSuite Suite { get; }

    /// <summary>The organisation, from the certificate subject's O.</summary>
    public string OrgId { get; }

    public byte[] CertificateDer { get; }

    public ISigner Signer { get; }

    /// <summary>How transactions name this signer: the full certificate, or its hash after <see cref="UseCertHash"/>.</summary>
    public Member Member { get; }

    /// <exception cref="ChainError">IDENTITY_INVALID when a file is missing or garbled, or the key is not of this suite.</exception>
    public static ClientIdentity Load(string folder, ICryptoSuite suite)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(suite);

        LoadedIdentity loaded;
        try
        {
            loaded = IdentityFolder.Load(folder, suite);
        }
        catch (ChainError e) when (!e.Message.Contains(folder, StringComparison.Ordinal))
        {
            throw new ChainError(e.Code, $"identity {folder} cannot be used with the `{suite.Name}` crypto suite: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"cannot read identity {folder}: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(loaded.OrgId))
        {
            loaded.Dispose();
            throw new ChainError(ErrorCodes.IdentityInvalid,
                $"the certificate in {Path.Combine(folder, IdentityFolder.CertificateFileName)} names no organisation (O) in its subject, so the chain cannot tell whose member it is");
        }

        return new ClientIdentity(suite, loaded.OrgId, loaded.CertificateDer, loaded.Signer, loaded.ToMember(), ownsSigner: true);
    }

    /// <summary>
    /// The same identity naming itself by certificate hash, for certificates already registered on
    /// chain: smaller transactions. The returned identity shares this one's key; dispose the original.
    /// </summary>
    public ClientIdentity UseCertHash()
    {
        var member = new Member
        {
            OrgId = OrgId,
            Type = MemberType.CertHash,
            Info = ByteString.CopyFrom(Suite.Hash(CertificateDer)),
        };
        return new ClientIdentity(Suite, OrgId, CertificateDer, Signer, member, ownsSigner: false);
    }

    public void Dispose()
    {
        if (_ownsSigner)
        {
            Signer.Dispose();
        }
    }
}
