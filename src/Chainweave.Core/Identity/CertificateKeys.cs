using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Chainweave.Core.Identity;

/// <summary>
/// The two key families certificates use: P-256 (nist suite and every TLS certificate) and SM2 on
/// sm2p256v1 (sm suite). Keys carry their named-curve OID so that PKCS#8 and SPKI encodings name the
/// curve, which is what the crypto suites import.
/// </summary>
internal static class CertificateKeys
{
    public const string NistSuite = "nist";
    public const string SmSuite = "sm";

    private const string EcdsaSha256 = "SHA256WITHECDSA";
    private const string Sm2Sm3 = "SM3WITHSM2";

    public static DerObjectIdentifier P256 => X9ObjectIdentifiers.Prime256v1;

    public static DerObjectIdentifier Sm2Curve => GMObjectIdentifiers.sm2p256v1;

    /// <summary>The curve certificates of a suite use; throws for an unknown suite name.</summary>
    public static DerObjectIdentifier CurveForSuite(string suiteName) => suiteName switch
    {
        NistSuite => P256,
        SmSuite => Sm2Curve,
        _ => throw new ArgumentException($"Unknown crypto suite '{suiteName}': use 'nist' or 'sm'.", nameof(suiteName)),
    };

    public static AsymmetricCipherKeyPair Generate(DerObjectIdentifier curve, SecureRandom random)
    {
        var generator = new ECKeyPairGenerator("EC");
        generator.Init(new ECKeyGenerationParameters(curve, random));
        return generator.GenerateKeyPair();
    }

    public static byte[] ExportPkcs8(AsymmetricKeyParameter privateKey) =>
        PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded();

    public static byte[] ExportSpki(AsymmetricKeyParameter publicKey) =>
        SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded();

    /// <summary>The named curve of an EC key, or null when it is not an EC key on a named curve.</summary>
    public static DerObjectIdentifier? CurveOf(AsymmetricKeyParameter key) =>
        key is ECKeyParameters ec ? ec.PublicKeyParamSet : null;

    /// <summary>The certificate signature algorithm a CA key signs with.</summary>
    public static string SignatureAlgorithmFor(AsymmetricKeyParameter privateKey)
    {
        var curve = CurveOf(privateKey);
        if (P256.Equals(curve))
        {
            return EcdsaSha256;
        }

        if (Sm2Curve.Equals(curve))
        {
            return Sm2Sm3;
        }

        throw new ArgumentException("The CA key is neither P-256 nor SM2.", nameof(privateKey));
    }
}
