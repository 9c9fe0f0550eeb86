using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Google.Protobuf;

namespace Chainweave.Core.Identity;

/// <summary>An identity read from disk: its certificate and a signer for its private key.</summary>
public sealed class LoadedIdentity : IDisposable
{
    public LoadedIdentity(string orgId, byte[] certificateDer, ISigner signer)
    {
        OrgId = orgId;
        CertificateDer = certificateDer;
        Signer = signer;
    }

    /// <summary>The organisation named in the certificate's O.</summary>
    public string OrgId { get; }

    public byte[] CertificateDer { get; }

    public ISigner Signer { get; }

    /// <summary>The member to put in a transaction: the full certificate.</summary>
    public Member ToMember() => new() { OrgId = OrgId, Type = MemberType.Cert, Info = ByteString.CopyFrom(CertificateDer) };

    public void Dispose() => Signer.Dispose();
}
