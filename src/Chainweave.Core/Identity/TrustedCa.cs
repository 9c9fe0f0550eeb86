using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Chainweave.Core.Identity;

/// <summary>One CA certificate from the chain config, parsed once.</summary>
internal sealed record TrustedCa(X509Certificate Certificate, AsymmetricKeyParameter PublicKey, long NotBeforeMs, long NotAfterMs)
{
    public static TrustedCa From(X509Certificate certificate) => new(
        certificate,
        certificate.GetPublicKey(),
        CertificateParsing.ToUnixMilliseconds(certificate.NotBefore),
        CertificateParsing.ToUnixMilliseconds(certificate.NotAfter));
}
