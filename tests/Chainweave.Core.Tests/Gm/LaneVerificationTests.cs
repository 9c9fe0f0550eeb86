using System.Numerics;
using System.Runtime.Intrinsics.X86;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using static Chainweave.Core.Tests.Gm.GmReference;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Chainweave.Core.Tests.Gm;

/// <summary>
/// The single verification in lanes (<see cref="Sm2PublicKey.VerifyInLanes"/>, <see cref="LaneVerification"/>)
/// must answer exactly as the scalar one for every input: random valid and bad signatures, BouncyCastle's, and
/// signatures crafted to drive the lane formulas into their exceptional cases, which must fall back. Without
/// AVX-512F the lane code cannot run; then <see cref="Sm2PublicKey.Verify"/> is the scalar code and the
/// comparisons with it still hold.
/// </summary>
public class LaneVerificationTests
{
    private static readonly Lazy<Sm2BatchVerifierTests.Corpus> Shared = new(() => new Sm2BatchVerifierTests.Corpus(keyCount: 16, itemCount: 2000, seed: 20261207));

    private static readonly ECDomainParameters Domain = new(CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));

    [Fact]
    public void Chunk_recoding_rebuilds_every_odd_scalar_from_nonzero_odd_digits()
    {
        var edges = new[] { BigInteger.One, new BigInteger(3), N - 2, (BigInteger.One << 256) - 1, (BigInteger.One << 8) + 1, (BigInteger.One << 255) + 1 };
        Gen.Frequency(
            (6, Gen.Byte.Array[32].Select(bytes => new BigInteger(bytes, isUnsigned: true) | BigInteger.One)),
            (1, Gen.OneOf(edges.Select(Gen.Const).ToArray()))).Sample(
            scalar =>
            {
                var digits = new sbyte[ChunkOddRecoding.Digits];
                ChunkOddRecoding.Recode(ToU256(scalar), digits);
                var rebuilt = BigInteger.Zero;
                for (int i = 0; i < digits.Length; i++)
                {
                    Assert.True(digits[i] % 2 != 0 && Math.Abs((int)digits[i]) <= 31);
                    int chunk = i / ChunkOddRecoding.DigitsPerChunk;
                    int position = i % ChunkOddRecoding.DigitsPerChunk;
                    rebuilt += digits[i] * (BigInteger.One << ((ChunkOddRecoding.ChunkBits * chunk) + (ChunkOddRecoding.WindowBits * position)));
                }

                Assert.Equal(scalar, rebuilt);
            },
            iter: 2000);
        Assert.Throws<ArgumentException>(() => ChunkOddRecoding.Recode(U256.Zero, new sbyte[ChunkOddRecoding.Digits]));
    }

    [Fact]
    public void Lane_sum_equals_the_scalar_sum_for_random_scalars()
    {
        if (!Avx512F.IsSupported)
        {
            return;
        }

        using var signer = Sm2PrivateKey.Generate();
        var key = signer.PublicKey;
        var nonzero = Below(N).Where(value => !value.IsZero);
        Gen.Select(nonzero, nonzero).Sample(
            (s, t) =>
            {
                var scalar = PointMultiplication.MultiplyBaseAndAdd(ToU256(s), ToU256(t), BasePointTables.SplitOddMultiplesOf(key.Point, PointMultiplication.PublicKeyWnafWidth));
                Assert.True(LaneVerification.TryMultiplyBaseAndAdd(ToU256(s), ToU256(t), key.ChunkLaneTable, out var lanes));
                Assert.Equal(scalar.ToAffine().X, lanes.ToAffine().X);
                Assert.Equal(scalar.ToAffine().Y, lanes.ToAffine().Y);
            },
            iter: 300);
    }

    [Fact]
    public void Lane_verification_equals_scalar_verification_over_thousands_of_mixed_signatures()
    {
        var corpus = Shared.Value;
        int valid = 0;
        for (int i = 0; i < corpus.Keys.Length; i++)
        {
            var key = corpus.Keys[i];
            var message = corpus.Messages[i].Span;
            var signature = corpus.Signatures[i].Span;
            bool scalar = key.VerifyScalar(message, signature);
            Assert.Equal(scalar, key.Verify(message, signature));
            if (Avx512F.IsSupported)
            {
                Assert.Equal(scalar, key.VerifyInLanes(message, signature));
            }

            if (corpus.Kinds[i] == Sm2BatchVerifierTests.CaseKind.Valid)
            {
                Assert.True(scalar);
                valid++;
            }
        }

        Assert.True(valid > corpus.Keys.Length / 4);
    }

    [Fact]
    public void BouncyCastle_signatures_verify_in_lanes_and_tampered_ones_do_not()
    {
        var random = new SecureRandom();
        Gen.Byte.Array[0, 300].Sample(
            message =>
            {
                BcBigInteger d;
                do
                {
                    d = new BcBigInteger(256, random);
                }
                while (d.SignValue == 0 || d.CompareTo(Domain.N.Subtract(BcBigInteger.Two)) > 0);

                var point = Domain.G.Multiply(d).Normalize();
                var key = Sm2PublicKey.Create([.. point.AffineXCoord.GetEncoded(), .. point.AffineYCoord.GetEncoded()]);
                var signer = new SM2Signer(PlainDsaEncoding.Instance);
                signer.Init(forSigning: true, new ParametersWithID(new ParametersWithRandom(new ECPrivateKeyParameters(d, Domain), random), Sm2PublicKey.DefaultUserId.ToArray()));
                signer.BlockUpdate(message, 0, message.Length);
                var signature = signer.GenerateSignature();
                Assert.True(key.Verify(message, signature));
                Assert.True(key.VerifyScalar(message, signature));
                signature[^1] ^= 0x01;
                Assert.False(key.Verify(message, signature));
                Assert.False(key.VerifyScalar(message, signature));
            },
            iter: 120);
    }

    [Fact]
    public void Signatures_whose_two_products_share_their_x_answer_as_the_scalar_code()
    {
        // With d known, s = r·d/(1 - d) makes s·G = t·P (the sum is a doubling, computed fine by the folds) and
        // s = -r·d/(1 + d) makes s·G = -t·P (the sum is infinity, which the lanes must hand to the scalar code).
        using var signer = Sm2PrivateKey.Generate();
        var d = PrivateScalar(signer);
        var random = new Random(78);
        for (int i = 0; i < 24; i++)
        {
            var rBytes = new byte[32];
            random.NextBytes(rBytes);
            var r = (new BigInteger(rBytes, isUnsigned: true) % (N - 1)) + 1;
            bool doubling = i % 2 == 0;
            var divisor = doubling ? Mod(1 - d) : Mod(1 + d);
            var s = Mod((doubling ? 1 : -1) * r * d * BigInteger.ModPow(divisor, N - 2, N));
            var message = new byte[32];
            random.NextBytes(message);
            AssertLanesAgree(signer.PublicKey, message, Signature(r, s));
            if (Avx512F.IsSupported && !doubling)
            {
                Assert.False(LaneVerification.TryMultiplyBaseAndAdd(ToU256(s), ToU256(Mod(r + s)), signer.PublicKey.ChunkLaneTable, out _));
            }
        }
    }

    [Fact]
    public void A_lane_sum_meeting_the_added_point_falls_back_to_the_scalar_code()
    {
        // Lane 0 holds c·P after t's chunks 0, 8, 16 and 24 (c from the recoding of odd t); with the key d = ±c^-1 it is ±G,
        // and s ≡ 1 (mod 128) then adds window 0's digit 1, i.e. G itself: the mixed addition's doubling (or
        // cancelling) case, in the middle of the lanes.
        var random = new Random(79);
        for (int i = 0; i < 8; i++)
        {
            var tBytes = new byte[32];
            random.NextBytes(tBytes);
            var t = (new BigInteger(tBytes, isUnsigned: true) % (N - 2)) | BigInteger.One;
            var digits = new sbyte[ChunkOddRecoding.Digits];
            ChunkOddRecoding.Recode(ToU256(t), digits);
            var c = BigInteger.Zero;
            for (int chunk = 0; chunk < ChunkOddRecoding.Chunks; chunk += 8)
            {
                for (int j = 0; j < ChunkOddRecoding.DigitsPerChunk; j++)
                {
                    c += digits[(chunk * ChunkOddRecoding.DigitsPerChunk) + j] * (BigInteger.One << ((ChunkOddRecoding.ChunkBits * chunk) + (ChunkOddRecoding.WindowBits * j)));
                }
            }

            var d = Mod((i % 2 == 0 ? 1 : -1) * BigInteger.ModPow(Mod(c), N - 2, N));
            var key = Sm2PublicKey.FromPoint(PointMultiplication.MultiplyBaseScalar(ToU256(d)).ToAffine());
            var sBytes = new byte[32];
            random.NextBytes(sBytes);
            var s = (((new BigInteger(sBytes, isUnsigned: true) % (N - 256)) >> 7) << 7) + 1;
            var r = Mod(t - s);
            var message = new byte[16];
            random.NextBytes(message);
            AssertLanesAgree(key, message, Signature(r, s));
            if (Avx512F.IsSupported)
            {
                Assert.False(LaneVerification.TryMultiplyBaseAndAdd(ToU256(s), ToU256(t), key.ChunkLaneTable, out _));
            }
        }
    }

    private static void AssertLanesAgree(Sm2PublicKey key, byte[] message, byte[] signature)
    {
        bool scalar = key.VerifyScalar(message, signature);
        Assert.Equal(scalar, key.Verify(message, signature));
        if (Avx512F.IsSupported)
        {
            Assert.Equal(scalar, key.VerifyInLanes(message, signature));
        }
    }

    private static BigInteger PrivateScalar(Sm2PrivateKey key)
    {
        var bytes = new byte[32];
        key.WritePrivateKey(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    private static byte[] Signature(BigInteger r, BigInteger s)
    {
        var signature = new byte[Sm2.SignatureSize];
        ToU256(r).WriteBigEndian(signature.AsSpan(0, 32));
        ToU256(s).WriteBigEndian(signature.AsSpan(32, 32));
        return signature;
    }

    private static BigInteger Mod(BigInteger value) => ((value % N) + N) % N;
}
