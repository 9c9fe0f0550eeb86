using System.Text;
using Chainweave.Core.Crypto;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Chainweave.Core.Tests.Crypto;

/// <summary>
/// SM2 checked against the GM/T 0003 equations written out here (Z with the default user id, e = SM3(Z || M),
/// r = (e + x1) mod n, s = (1 + d)^-1 (k - r d) mod n) using BouncyCastle only for curve arithmetic, and
/// against BouncyCastle's own SM2Signer.
/// </summary>
public class Sm2CrossCheckTests
{
    // Fixed scalars (the private key and nonce of GM/T 0003's example, used here on the recommended curve).
    private static readonly BigInteger FixedD = new("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);
    private static readonly BigInteger FixedK = new("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21", 16);

    private static readonly X9ECParameters Curve = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
    private static readonly byte[] Message = Encoding.ASCII.GetBytes("message digest");

    private readonly ICryptoSuite _suite = CryptoSuites.Get("sm");

    [Fact]
    public void Signature_made_by_the_standard_equations_with_fixed_k_verifies()
    {
        using var signer = _suite.ImportPrivateKey(FixedPkcs8());
        var publicPoint = Curve.G.Multiply(FixedD).Normalize();
        var e = new BigInteger(1, _suite.Hash([.. ComputeZ(publicPoint), .. Message]));
        var x1 = Curve.G.Multiply(FixedK).Normalize().AffineXCoord.ToBigInteger();
        var r = e.Add(x1).Mod(Curve.N);
        var s = FixedD.Add(BigInteger.One).ModInverse(Curve.N).Multiply(FixedK.Subtract(r.Multiply(FixedD))).Mod(Curve.N);
        var signature = new DerSequence(new DerInteger(r), new DerInteger(s)).GetDerEncoded();

        Assert.Equal(SignatureCheck.Valid, signer.PublicKey.Verify(Message, signature));
        Assert.True(BouncyCastleVerifies(publicPoint, signature, Message));
        Assert.Equal(SignatureCheck.Invalid, signer.PublicKey.Verify(Encoding.ASCII.GetBytes("message digesT"), signature));
    }

    [Fact]
    public void Suite_signature_satisfies_the_standard_verification_equation()
    {
        using var signer = _suite.ImportPrivateKey(FixedPkcs8());
        var publicPoint = Curve.G.Multiply(FixedD).Normalize();
        var (rValue, sValue) = TestDer.Read(signer.Sign(Message));
        var r = new BigInteger(1, rValue.ToByteArray(isUnsigned: true, isBigEndian: true));
        var s = new BigInteger(1, sValue.ToByteArray(isUnsigned: true, isBigEndian: true));

        var e = new BigInteger(1, _suite.Hash([.. ComputeZ(publicPoint), .. Message]));
        var t = r.Add(s).Mod(Curve.N);
        var point = ECAlgorithms.SumOfTwoMultiplies(Curve.G, s, publicPoint, t).Normalize();

        Assert.Equal(r, e.Add(point.AffineXCoord.ToBigInteger()).Mod(Curve.N));
    }

    [Fact]
    public void BouncyCastle_and_suite_accept_each_others_signatures()
    {
        using var signer = _suite.GenerateKey();
        var publicKey = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(signer.PublicKey.SubjectPublicKeyInfo);
        var data = Encoding.ASCII.GetBytes("cross-checked");

        Assert.True(BouncyCastleVerifies(publicKey.Q, signer.Sign(data), data));

        var bouncySigner = new SM2Signer();
        bouncySigner.Init(true, PrivateKeyFactory.CreateKey(signer.ExportPkcs8()));
        bouncySigner.BlockUpdate(data);
        Assert.Equal(SignatureCheck.Valid, signer.PublicKey.Verify(data, bouncySigner.GenerateSignature()));
    }

    [Fact]
    public void Keys_carry_id_ecPublicKey_and_the_sm2_curve_oid()
    {
        using var signer = _suite.GenerateKey();

        var spki = SubjectPublicKeyInfo.GetInstance(signer.PublicKey.SubjectPublicKeyInfo);
        var pkcs8 = PrivateKeyInfo.GetInstance(signer.ExportPkcs8());

        Assert.Equal(X9ObjectIdentifiers.IdECPublicKey, spki.Algorithm.Algorithm);
        Assert.Equal("1.2.156.10197.1.301", ((DerObjectIdentifier)spki.Algorithm.Parameters).Id);
        Assert.Equal(X9ObjectIdentifiers.IdECPublicKey, pkcs8.PrivateKeyAlgorithm.Algorithm);
        Assert.Equal("1.2.156.10197.1.301", ((DerObjectIdentifier)pkcs8.PrivateKeyAlgorithm.Parameters).Id);
    }

    private static byte[] FixedPkcs8()
    {
        var domain = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, Curve);
        return PrivateKeyInfoFactory.CreatePrivateKeyInfo(new ECPrivateKeyParameters(FixedD, domain)).GetDerEncoded();
    }

    private byte[] ComputeZ(ECPoint publicPoint)
    {
        var userId = Encoding.ASCII.GetBytes("1234567812345678");
        byte[] bitLength = [(byte)((userId.Length * 8) >> 8), (byte)(userId.Length * 8)];
        return _suite.Hash(
        [
            .. bitLength,
            .. userId,
            .. Curve.Curve.A.GetEncoded(),
            .. Curve.Curve.B.GetEncoded(),
            .. Curve.G.AffineXCoord.GetEncoded(),
            .. Curve.G.AffineYCoord.GetEncoded(),
            .. publicPoint.AffineXCoord.GetEncoded(),
            .. publicPoint.AffineYCoord.GetEncoded(),
        ]);
    }

    private static bool BouncyCastleVerifies(ECPoint publicPoint, byte[] signature, byte[] data)
    {
        var domain = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, Curve);
        var verifier = new SM2Signer();

        // No ParametersWithID: BouncyCastle then applies the standard's default user id itself.
        verifier.Init(false, new ECPublicKeyParameters(publicPoint, domain));
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature);
    }
}
