using Chainweave.Core.Errors;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Chainweave.Core.Crypto;

/// <summary>
/// SM2 keys on sm2p256v1 as BouncyCastle parameters, and their DER forms: PKCS#8 and SubjectPublicKeyInfo
/// with algorithm id-ecPublicKey and the named curve 1.2.156.10197.1.301.
/// </summary>
internal static class Sm2Keys
{
    public static readonly DerObjectIdentifier CurveOid = GMObjectIdentifiers.sm2p256v1;

    /// <summary>BouncyCastle's specialised sm2p256v1 arithmetic; GMNamedCurves gives a generic, much slower curve.</summary>
    public static readonly ECNamedDomainParameters Domain = new(CurveOid, CustomNamedCurves.GetByOid(CurveOid));

    /// <summary>GM/T 0003's default user id "1234567812345678", hashed into Z.</summary>
    public static ReadOnlySpan<byte> DefaultUserId => "1234567812345678"u8;

    public static AsymmetricCipherKeyPair Generate()
    {
        var generator = new ECKeyPairGenerator("EC");
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        return generator.GenerateKeyPair();
    }

    public static ECPublicKeyParameters PublicFromPrivate(ECPrivateKeyParameters privateKey) =>
        new(new FixedPointCombMultiplier().Multiply(Domain.G, privateKey.D).Normalize(), Domain);

    public static byte[] EncodePrivate(ECPrivateKeyParameters privateKey) =>
        PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded();

    public static byte[] EncodePublic(ECPublicKeyParameters publicKey) =>
        SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded();

    public static ECPrivateKeyParameters DecodePrivate(ReadOnlySpan<byte> pkcs8Der)
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PrivateKeyFactory.CreateKey(pkcs8Der.ToArray());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // BouncyCastle reports bad encodings through many exception types.
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The private key is not PKCS#8 DER ({e.Message}).", e);
        }

        if (key is not ECPrivateKeyParameters privateKey || !IsSm2Curve(privateKey.Parameters))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The private key is not an SM2 key on the named curve sm2p256v1 ({CurveOid.Id}).");
        }

        // SM2 signing divides by d + 1, so d = n - 1 is as unusable as 0.
        var d = privateKey.D;
        if (d.SignValue <= 0 || d.CompareTo(Domain.N.Subtract(BigInteger.One)) >= 0)
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, "The SM2 private key is outside [1, n - 2].");
        }

        return privateKey;
    }

    public static ECPublicKeyParameters DecodePublic(ReadOnlySpan<byte> spkiDer)
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PublicKeyFactory.CreateKey(spkiDer.ToArray());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The public key is not SubjectPublicKeyInfo DER or not a point on its curve ({e.Message}).", e);
        }

        if (key is not ECPublicKeyParameters publicKey || !IsSm2Curve(publicKey.Parameters))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The public key is not an SM2 key on the named curve sm2p256v1 ({CurveOid.Id}).");
        }

        return publicKey;
    }

    private static bool IsSm2Curve(ECDomainParameters parameters) =>
        parameters is ECNamedDomainParameters named && named.Name.Equals(CurveOid);
}
