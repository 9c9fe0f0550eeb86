using System.Text;
using Chainweave.Core.Crypto.Gm;
using Chainweave.Core.Errors;
using CsCheck;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using static Chainweave.Core.Tests.Gm.GmReference;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Chainweave.Core.Tests.Gm;

public class Sm2SignatureTests
{
    private static readonly ECDomainParameters Domain = new(CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
    private static readonly byte[] OtherUserId = Encoding.ASCII.GetBytes("ALICE123@YAHOO.COM");

    private static readonly Gen<byte[]> Messages = Gen.Byte.Array[0, 300];

    [Fact]
    public void Our_signatures_verify_with_BouncyCastle()
    {
        Messages.Sample(
            message =>
            {
                using var key = Sm2PrivateKey.Generate();
                var signature = new byte[Sm2.SignatureSize];
                key.Sign(message, signature);
                Assert.True(BouncyCastleVerify(key.PublicKey.Encoded.ToArray(), message, signature, Sm2PublicKey.DefaultUserId.ToArray()));
                Assert.True(key.PublicKey.Verify(message, signature));
            },
            iter: 120);
    }

    [Fact]
    public void BouncyCastle_signatures_verify_with_ours()
    {
        Messages.Sample(
            message =>
            {
                var (privateKey, publicKey) = NewKeyPair();
                var signature = BouncyCastleSign(privateKey, message, Sm2PublicKey.DefaultUserId.ToArray());
                Assert.True(Sm2.Verify(publicKey, message, signature));
            },
            iter: 180);
    }

    [Fact]
    public void Static_sign_with_raw_keys_verifies_with_BouncyCastle()
    {
        var (privateKey, publicKey) = NewKeyPair();
        var message = "message digest"u8.ToArray();
        var signature = new byte[Sm2.SignatureSize];
        Sm2.Sign(privateKey, publicKey, message, signature);
        Assert.True(BouncyCastleVerify(publicKey, message, signature, Sm2PublicKey.DefaultUserId.ToArray()));
    }

    [Fact]
    public void Derived_public_key_is_BouncyCastles_d_times_G()
    {
        var (privateKey, publicKey) = NewKeyPair();
        using var key = Sm2PrivateKey.Create(privateKey);
        Assert.Equal(publicKey, key.PublicKey.Encoded.ToArray());
        var written = new byte[32];
        key.WritePrivateKey(written);
        Assert.Equal(privateKey, written);
    }

    [Fact]
    public void A_signature_for_another_user_id_verifies_only_with_that_id()
    {
        var (privateKey, publicKey) = NewKeyPair();
        var message = "message digest"u8.ToArray();
        var signature = BouncyCastleSign(privateKey, message, OtherUserId);
        Assert.False(Sm2.Verify(publicKey, message, signature));
        Assert.True(Sm2PublicKey.Create(publicKey, OtherUserId).Verify(message, signature));
    }

    [Fact]
    public void Wrong_message_is_rejected()
    {
        using var key = Sm2PrivateKey.Generate();
        var signature = new byte[Sm2.SignatureSize];
        key.Sign("message digest"u8, signature);
        Assert.False(key.PublicKey.Verify("message digesT"u8, signature));
        signature[40] ^= 1;
        Assert.False(key.PublicKey.Verify("message digest"u8, signature));
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("1", "0")]
    [InlineData("N", "1")]
    [InlineData("1", "N")]
    [InlineData("MAX", "1")]
    [InlineData("1", "MAX")]
    public void Signatures_with_r_or_s_out_of_range_are_rejected(string r, string s)
    {
        using var key = Sm2PrivateKey.Generate();
        var signature = new byte[Sm2.SignatureSize];
        key.Sign("message digest"u8, signature);
        Substitute(r, signature.AsSpan(0, 32));
        Substitute(s, signature.AsSpan(32));
        Assert.False(key.PublicKey.Verify("message digest"u8, signature));
    }

    [Fact]
    public void Signature_with_r_plus_s_equal_to_n_is_rejected()
    {
        using var key = Sm2PrivateKey.Generate();
        var signature = new byte[Sm2.SignatureSize];
        ToU256(N - 5).WriteBigEndian(signature.AsSpan(0, 32));
        ToU256(5).WriteBigEndian(signature.AsSpan(32));
        Assert.False(key.PublicKey.Verify("message digest"u8, signature));
    }

    [Fact]
    public void Signatures_of_the_wrong_length_are_rejected()
    {
        using var key = Sm2PrivateKey.Generate();
        var signature = new byte[Sm2.SignatureSize + 1];
        key.Sign("m"u8, signature);
        Assert.False(key.PublicKey.Verify("m"u8, signature));
        Assert.False(key.PublicKey.Verify("m"u8, signature.AsSpan(0, 63)));
    }

    [Fact]
    public void Public_keys_off_the_curve_are_rejected()
    {
        var (_, publicKey) = NewKeyPair();
        publicKey[63] ^= 1;
        Assert.False(Sm2PublicKey.TryCreate(publicKey, out _));
        Assert.False(Sm2.Verify(publicKey, "m"u8, new byte[64]));
        Assert.Equal(ErrorCodes.IdentityInvalid, Assert.Throws<ChainError>(() => Sm2PublicKey.Create(publicKey)).Code);
        Assert.False(Sm2PublicKey.TryCreate(new byte[63], out _));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("N-2", true)]
    [InlineData("N-1", false)]
    [InlineData("N", false)]
    public void Private_keys_must_lie_in_one_to_n_minus_two(string value, bool usable)
    {
        var d = value switch
        {
            "N-2" => N - 2,
            "N-1" => N - 1,
            "N" => N,
            _ => Parse(value),
        };
        var bytes = new byte[32];
        ToU256(d).WriteBigEndian(bytes);
        if (usable)
        {
            using var key = Sm2PrivateKey.Create(bytes);
            var signature = new byte[Sm2.SignatureSize];
            key.Sign("m"u8, signature);
            Assert.True(BouncyCastleVerify(key.PublicKey.Encoded.ToArray(), "m"u8.ToArray(), signature, Sm2PublicKey.DefaultUserId.ToArray()));
        }
        else
        {
            Assert.Equal(ErrorCodes.IdentityInvalid, Assert.Throws<ChainError>(() => Sm2PrivateKey.Create(bytes)).Code);
        }
    }

    [Fact]
    public void Static_sign_refuses_a_public_key_off_the_curve()
    {
        var (privateKey, publicKey) = NewKeyPair();
        publicKey[0] ^= 1;
        var signature = new byte[Sm2.SignatureSize];
        Assert.Equal(ErrorCodes.IdentityInvalid, Assert.Throws<ChainError>(() => Sm2.Sign(privateKey, publicKey, "m"u8, signature)).Code);
    }

    [Fact]
    public void A_disposed_key_no_longer_signs()
    {
        var key = Sm2PrivateKey.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign("m"u8, new byte[Sm2.SignatureSize]));
    }

    [Fact]
    public void Digest_is_SM3_of_Z_and_message()
    {
        using var key = Sm2PrivateKey.Generate();
        var message = "message digest"u8.ToArray();
        var digest = new byte[Sm3.HashSize];
        key.PublicKey.ComputeDigest(message, digest);
        var expected = new byte[Sm3.HashSize];
        Sm3.HashData([.. key.PublicKey.Z, .. message], expected);
        Assert.Equal(expected, digest);
    }

    private static void Substitute(string value, Span<byte> destination)
    {
        var replacement = value switch
        {
            "N" => ToU256(N),
            "MAX" => new U256(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue),
            "0" => U256.Zero,
            _ => default(U256?),
        };
        replacement?.WriteBigEndian(destination);
    }

    private static (byte[] PrivateKey, byte[] PublicKey) NewKeyPair()
    {
        var random = new SecureRandom();
        BcBigInteger d;
        do
        {
            d = new BcBigInteger(256, random);
        }
        while (d.SignValue == 0 || d.CompareTo(Domain.N.Subtract(BcBigInteger.Two)) > 0);

        var point = Domain.G.Multiply(d).Normalize();
        byte[] publicKey = [.. point.AffineXCoord.GetEncoded(), .. point.AffineYCoord.GetEncoded()];
        return (d.ToByteArrayUnsigned().PadLeftTo32(), publicKey);
    }

    private static byte[] BouncyCastleSign(byte[] privateKey, byte[] message, byte[] userId)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance);
        var parameters = new ParametersWithRandom(new ECPrivateKeyParameters(new BcBigInteger(1, privateKey), Domain), new SecureRandom());
        signer.Init(forSigning: true, new ParametersWithID(parameters, userId));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    private static bool BouncyCastleVerify(byte[] publicKey, byte[] message, byte[] signature, byte[] userId)
    {
        var point = Domain.Curve.DecodePoint([0x04, .. publicKey]);
        var verifier = new SM2Signer(PlainDsaEncoding.Instance);
        verifier.Init(forSigning: false, new ParametersWithID(new ECPublicKeyParameters(point, Domain), userId));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }
}

internal static class ByteArrayPadding
{
    public static byte[] PadLeftTo32(this byte[] value)
    {
        var padded = new byte[32];
        value.CopyTo(padded, 32 - value.Length);
        return padded;
    }
}
