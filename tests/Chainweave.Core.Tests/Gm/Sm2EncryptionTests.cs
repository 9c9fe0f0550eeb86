using Chainweave.Core.Crypto.Gm;
using Chainweave.Core.Errors;
using CsCheck;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Chainweave.Core.Tests.Gm;

public class Sm2EncryptionTests
{
    private static readonly ECDomainParameters Domain = new(CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));

    private static readonly Gen<byte[]> Plaintexts = Gen.Byte.Array[1, 200];

    [Fact]
    public void Our_ciphertexts_decrypt_with_BouncyCastle()
    {
        Plaintexts.Sample(
            plaintext =>
            {
                using var key = Sm2PrivateKey.Generate();
                var ciphertext = key.PublicKey.Encrypt(plaintext);
                Assert.Equal(Sm2Encryption.Overhead + plaintext.Length, ciphertext.Length);
                Assert.Equal(plaintext, BouncyCastleDecrypt(key, ciphertext));
                Assert.Equal(plaintext, key.Decrypt(ciphertext));
            },
            iter: 60);
    }

    [Fact]
    public void BouncyCastle_ciphertexts_decrypt_with_ours()
    {
        Plaintexts.Sample(
            plaintext =>
            {
                using var key = Sm2PrivateKey.Generate();
                var ciphertext = BouncyCastleEncrypt(key.PublicKey, plaintext);
                Assert.True(key.TryDecrypt(ciphertext, out var decrypted));
                Assert.Equal(plaintext, decrypted);
            },
            iter: 60);
    }

    [Fact]
    public void Static_encrypt_and_decrypt_with_raw_keys_round_trip()
    {
        using var key = Sm2PrivateKey.Generate();
        var d = new byte[32];
        key.WritePrivateKey(d);
        var message = "encryption standard"u8.ToArray();
        var ciphertext = Sm2Encryption.Encrypt(key.PublicKey.Encoded, message);
        Assert.True(Sm2Encryption.TryDecrypt(d, ciphertext, out var decrypted));
        Assert.Equal(message, decrypted);
        Assert.False(Sm2Encryption.TryDecrypt(new byte[32], ciphertext, out _));
    }

    [Fact]
    public void Two_encryptions_of_one_message_differ()
    {
        using var key = Sm2PrivateKey.Generate();
        Assert.NotEqual(key.PublicKey.Encrypt("m"u8), key.PublicKey.Encrypt("m"u8));
    }

    [Theory]
    [InlineData("c1")]
    [InlineData("c3")]
    [InlineData("c2")]
    [InlineData("prefix")]
    public void Tampered_ciphertexts_are_rejected(string part)
    {
        using var key = Sm2PrivateKey.Generate();
        var ciphertext = key.PublicKey.Encrypt("a message of some length"u8);
        int index = part switch
        {
            "prefix" => 0,
            "c1" => 40,
            "c3" => Sm2Encryption.PointSize + 3,
            _ => Sm2Encryption.Overhead + 5,
        };
        ciphertext[index] ^= 0x01;
        Assert.False(key.TryDecrypt(ciphertext, out var plaintext));
        Assert.Null(plaintext);
        Assert.Equal(ErrorCodes.ArgumentInvalid, Assert.Throws<ChainError>(() => key.Decrypt(ciphertext)).Code);
    }

    [Fact]
    public void Truncated_or_extended_ciphertexts_are_rejected()
    {
        using var key = Sm2PrivateKey.Generate();
        var ciphertext = key.PublicKey.Encrypt("a message of some length"u8);
        Assert.False(key.TryDecrypt(ciphertext.AsSpan(0, ciphertext.Length - 1), out _));
        Assert.False(key.TryDecrypt(ciphertext.AsSpan(0, Sm2Encryption.Overhead), out _));
        Assert.False(key.TryDecrypt(ciphertext.AsSpan(0, 10), out _));
        Assert.False(key.TryDecrypt([], out _));
        Assert.False(key.TryDecrypt([.. ciphertext, 0], out _));
    }

    [Fact]
    public void A_ciphertext_for_another_key_is_rejected()
    {
        using var key = Sm2PrivateKey.Generate();
        using var other = Sm2PrivateKey.Generate();
        Assert.False(other.TryDecrypt(key.PublicKey.Encrypt("secret"u8), out _));
    }

    [Fact]
    public void C1_off_the_curve_is_rejected_even_with_a_recomputed_check()
    {
        using var key = Sm2PrivateKey.Generate();
        var ciphertext = key.PublicKey.Encrypt("secret"u8);
        ciphertext[64] ^= 0x01;
        Assert.False(key.TryDecrypt(ciphertext, out _));
        Array.Fill(ciphertext, (byte)0xFF, 1, 64);
        Assert.False(key.TryDecrypt(ciphertext, out _));
    }

    [Fact]
    public void Empty_plaintexts_are_refused()
    {
        using var key = Sm2PrivateKey.Generate();
        Assert.Equal(ErrorCodes.ArgumentInvalid, Assert.Throws<ChainError>(() => key.PublicKey.Encrypt([])).Code);
    }

    [Fact]
    public void Compression_matches_BouncyCastle_both_ways()
    {
        Gen.Int.Sample(
            _ =>
            {
                using var key = Sm2PrivateKey.Generate();
                var bcPoint = Domain.Curve.DecodePoint([0x04, .. key.PublicKey.Encoded]);
                var compressed = new byte[33];
                key.PublicKey.WriteCompressed(compressed);
                Assert.Equal(bcPoint.GetEncoded(compressed: true), compressed);
                var decompressed = new byte[64];
                Assert.True(Sm2PublicKey.TryDecompress(bcPoint.GetEncoded(compressed: true), decompressed));
                Assert.Equal(key.PublicKey.Encoded.ToArray(), decompressed);
            },
            iter: 60);
    }

    [Fact]
    public void Invalid_compressed_points_are_rejected()
    {
        using var key = Sm2PrivateKey.Generate();
        var compressed = new byte[33];
        key.PublicKey.WriteCompressed(compressed);
        var destination = new byte[64];
        Assert.False(Sm2PublicKey.TryDecompress(compressed.AsSpan(0, 32), destination));
        Assert.False(Sm2PublicKey.TryDecompress([0x04, .. compressed.AsSpan(1)], destination));
        Assert.False(Sm2PublicKey.TryDecompress([0x02, .. Enumerable.Repeat((byte)0xFF, 32)], destination));

        // About half of all x have no point; walk x upwards until one is found.
        var x = compressed.AsSpan(1).ToArray();
        int rejected = 0;
        for (int i = 0; i < 40; i++)
        {
            x[31]++;
            rejected += Sm2PublicKey.TryDecompress([0x02, .. x], destination) ? 0 : 1;
        }

        Assert.InRange(rejected, 1, 39);
    }

    private static byte[] BouncyCastleEncrypt(Sm2PublicKey key, byte[] plaintext)
    {
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        var point = Domain.Curve.DecodePoint([0x04, .. key.Encoded]);
        engine.Init(forEncryption: true, new ParametersWithRandom(new ECPublicKeyParameters(point, Domain), new SecureRandom()));
        return engine.ProcessBlock(plaintext, 0, plaintext.Length);
    }

    private static byte[] BouncyCastleDecrypt(Sm2PrivateKey key, byte[] ciphertext)
    {
        var d = new byte[32];
        key.WritePrivateKey(d);
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(forEncryption: false, new ECPrivateKeyParameters(new BcBigInteger(1, d), Domain));
        try
        {
            return engine.ProcessBlock(ciphertext, 0, ciphertext.Length);
        }
        catch (InvalidCipherTextException exception)
        {
            throw new InvalidOperationException("BouncyCastle rejected our ciphertext.", exception);
        }
    }
}
