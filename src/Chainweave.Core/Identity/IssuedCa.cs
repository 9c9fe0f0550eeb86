using Chainweave.Core.Errors;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Chainweave.Core.Identity;

/// <summary>
/// A certificate authority able to sign: its certificate (DER) and private key (PKCS#8 DER).
/// Build one with <see cref="CertificateIssuer.CreateRootCa"/>, or load one from files with the constructor.
/// </summary>
public sealed class IssuedCa
{
    /// <summary>Loads a CA from its DER certificate and PKCS#8 DER private key.</summary>
    /// <exception cref="ChainError">IDENTITY_INVALID when either does not parse or the key is not P-256 or SM2.</exception>
    public IssuedCa(byte[] certificateDer, byte[] privateKeyPkcs8)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        ArgumentNullException.ThrowIfNull(privateKeyPkcs8);
        if (!CertificateParsing.TryParse(certificateDer, out var certificate))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, "The CA certificate is not a DER X.509 certificate.");
        }

        AsymmetricKeyParameter key;
        try
        {
            key = PrivateKeyFactory.CreateKey(privateKeyPkcs8);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or SecurityUtilityException)
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, "The CA private key is not a PKCS#8 DER EC key.", e);
        }

        if (CertificateKeys.CurveOf(key) is null)
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, "The CA private key is not on a named curve (P-256 or SM2).");
        }

        Certificate = certificate;
        SigningKey = key;
        CertificateDer = certificateDer;
        PrivateKeyPkcs8 = privateKeyPkcs8;
        Org = CertificateParsing.FirstValue(certificate.SubjectDN, X509Name.O) ?? string.Empty;
    }

    internal IssuedCa(X509Certificate certificate, AsymmetricKeyParameter signingKey, string org)
    {
        Certificate = certificate;
        SigningKey = signingKey;
        CertificateDer = certificate.GetEncoded();
        PrivateKeyPkcs8 = CertificateKeys.ExportPkcs8(signingKey);
        Org = org;
    }

    /// <summary>The organisation (the certificate's O).</summary>
    public string Org { get; }

    public byte[] CertificateDer { get; }

    public byte[] PrivateKeyPkcs8 { get; }

    /// <summary>True when the CA key is ECDSA P-256, so it can sign TLS certificates.</summary>
    public bool IsP256 => CertificateKeys.P256.Equals(CertificateKeys.CurveOf(SigningKey));

    internal X509Certificate Certificate { get; }

    internal AsymmetricKeyParameter SigningKey { get; }
}
