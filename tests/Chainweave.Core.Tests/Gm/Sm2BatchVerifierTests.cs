using System.Numerics;
using System.Text;
using Chainweave.Core.Crypto.Gm;
using static Chainweave.Core.Tests.Gm.GmReference;

namespace Chainweave.Core.Tests.Gm;

/// <summary>
/// <see cref="Sm2BatchVerifier"/> must answer exactly as <see cref="Sm2PublicKey.Verify"/> one by one, for valid
/// signatures and every kind of bad one, many keys mixed in one batch. Where AVX-512F is missing the batch runs
/// the scalar code and the same assertions hold.
/// </summary>
public class Sm2BatchVerifierTests
{
    private static readonly Lazy<Corpus> Shared = new(() => new Corpus(keyCount: 24, itemCount: 2100, seed: 20261206));

    [Fact]
    public void Batch_results_equal_one_by_one_results_over_thousands_of_mixed_signatures()
    {
        var corpus = Shared.Value;
        var results = new bool[corpus.Keys.Length];
        int rechecked = Sm2BatchVerifier.VerifyCountingRechecks(corpus.Keys, corpus.Messages, corpus.Signatures, results);
        Assert.Equal(corpus.Expected, results);

        // Random signatures never meet the lane formulas' exceptional cases: every one was decided in lanes.
        Assert.Equal(0, rechecked);

        // The corpus holds every kind of case, and the valid ones do verify.
        Assert.Contains(true, results);
        Assert.True(corpus.Expected.Count(valid => valid) > corpus.Expected.Length / 4);
        for (int i = 0; i < corpus.Kinds.Length; i++)
        {
            if (corpus.Kinds[i] == CaseKind.Valid)
            {
                Assert.True(results[i]);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(64)]
    public void Batches_of_every_size_equal_one_by_one_results(int size)
    {
        var corpus = Shared.Value;
        foreach (int start in new[] { 0, 101, 1500 })
        {
            var results = new bool[size];
            Sm2BatchVerifier.Verify(
                corpus.Keys.AsSpan(start, size), corpus.Messages.AsSpan(start, size), corpus.Signatures.AsSpan(start, size), results);
            Assert.Equal(corpus.Expected.AsSpan(start, size).ToArray(), results);
        }
    }

    [Fact]
    public void A_batch_of_only_valid_signatures_under_one_key_all_verify()
    {
        using var key = Sm2PrivateKey.Generate();
        var messages = new ReadOnlyMemory<byte>[24];
        var signatures = new ReadOnlyMemory<byte>[24];
        for (int i = 0; i < messages.Length; i++)
        {
            messages[i] = Encoding.UTF8.GetBytes($"transaction {i}");
            var signature = new byte[Sm2.SignatureSize];
            key.Sign(messages[i].Span, signature);
            signatures[i] = signature;
        }

        var keys = Enumerable.Repeat(key.PublicKey, messages.Length).ToArray();
        var results = new bool[messages.Length];
        Sm2BatchVerifier.Verify(keys, messages, signatures, results);
        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Signatures_whose_two_products_share_their_x_are_decided_by_the_scalar_code()
    {
        // With the private key d known, s = r·d/(1 - d) makes s·G = (r + s)·d·G = t·P (the sum is a doubling) and
        // s = -r·d/(1 + d) makes s·G = -t·P (the sum is infinity): the lane addition's exceptional cases. Such
        // signatures are not valid (x of the doubled point is not r - e), but the lanes must hand them over.
        using var signer = Sm2PrivateKey.Generate();
        var dBytes = new byte[32];
        signer.WritePrivateKey(dBytes);
        var d = new BigInteger(dBytes, isUnsigned: true, isBigEndian: true);
        var random = new Random(77);
        var messages = new ReadOnlyMemory<byte>[16];
        var signatures = new ReadOnlyMemory<byte>[16];
        int exceptional = 0;
        for (int i = 0; i < messages.Length; i++)
        {
            var message = new byte[40];
            random.NextBytes(message);
            var signature = new byte[Sm2.SignatureSize];
            if (i % 3 == 0)
            {
                signer.Sign(message, signature);
            }
            else
            {
                var rBytes = new byte[32];
                random.NextBytes(rBytes);
                var r = new BigInteger(rBytes, isUnsigned: true) % N;
                var divisor = i % 3 == 1 ? Mod(1 - d) : Mod(1 + d);
                var s = Mod((i % 3 == 1 ? 1 : -1) * r * d * BigInteger.ModPow(divisor, N - 2, N));
                ToU256(r).WriteBigEndian(signature.AsSpan(0, 32));
                ToU256(s).WriteBigEndian(signature.AsSpan(32, 32));
                exceptional++;
            }

            messages[i] = message;
            signatures[i] = signature;
        }

        var keys = Enumerable.Repeat(signer.PublicKey, messages.Length).ToArray();
        var results = new bool[messages.Length];
        int rechecked = Sm2BatchVerifier.VerifyCountingRechecks(keys, messages, signatures, results);
        for (int i = 0; i < messages.Length; i++)
        {
            Assert.Equal(keys[i].Verify(messages[i].Span, signatures[i].Span), results[i]);
            Assert.Equal(i % 3 == 0, results[i]);
        }

        Assert.Equal(Sm2BatchVerifier.IsVectorized ? exceptional : 0, rechecked);
    }

    [Fact]
    public void The_one_s_whose_base_product_meets_a_doubling_in_lanes_is_decided_by_the_scalar_code()
    {
        // s = n - 2·(n mod 2^248) is odd, and its 8-bit odd digits put the sum of the first 31 windows at
        // -(n mod 2^248) ≡ 255·2^248 (mod n), the point the last window adds: the lane addition doubles and
        // ends at Z ≡ 0. Its even partner n - s is multiplied as -(s·G) and meets the same case.
        var exceptionalS = N - (2 * (N % (BigInteger.One << 248)));
        using var signer = Sm2PrivateKey.Generate();
        var random = new Random(5);
        var messages = new ReadOnlyMemory<byte>[8];
        var signatures = new ReadOnlyMemory<byte>[8];
        for (int i = 0; i < messages.Length; i++)
        {
            var message = new byte[64];
            random.NextBytes(message);
            var signature = new byte[Sm2.SignatureSize];
            signer.Sign(message, signature);
            if (i % 2 == 1)
            {
                ToU256(i % 4 == 1 ? exceptionalS : N - exceptionalS).WriteBigEndian(signature.AsSpan(32, 32));
            }

            messages[i] = message;
            signatures[i] = signature;
        }

        var keys = Enumerable.Repeat(signer.PublicKey, messages.Length).ToArray();
        var results = new bool[messages.Length];
        int rechecked = Sm2BatchVerifier.VerifyCountingRechecks(keys, messages, signatures, results);
        for (int i = 0; i < messages.Length; i++)
        {
            Assert.Equal(keys[i].Verify(messages[i].Span, signatures[i].Span), results[i]);
            Assert.Equal(i % 2 == 0, results[i]);
        }

        Assert.Equal(Sm2BatchVerifier.IsVectorized ? 4 : 0, rechecked);
    }

    [Fact]
    public void Mismatched_lengths_throw()
    {
        var corpus = Shared.Value;
        Assert.Throws<ArgumentException>(() => Sm2BatchVerifier.Verify(corpus.Keys.AsSpan(0, 3), corpus.Messages.AsSpan(0, 2), corpus.Signatures.AsSpan(0, 3), new bool[3]));
        Assert.Throws<ArgumentException>(() => Sm2BatchVerifier.Verify(corpus.Keys.AsSpan(0, 3), corpus.Messages.AsSpan(0, 3), corpus.Signatures.AsSpan(0, 3), new bool[4]));
    }

    private static BigInteger Mod(BigInteger value) => ((value % N) + N) % N;

    internal enum CaseKind
    {
        Valid,
        TamperedMessage,
        TamperedR,
        TamperedS,
        RZero,
        SZero,
        REqualsN,
        SEqualsN,
        RAboveN,
        SAboveN,
        RPlusSEqualsN,
        WrongKey,
        Short,
        Long,
        Empty,
    }

    /// <summary>Signatures of random messages under several keys (two with a non-default user id), each case kind mixed in at random.</summary>
    internal sealed class Corpus
    {
        public Corpus(int keyCount, int itemCount, int seed)
        {
            var random = new Random(seed);
            var privateKeys = Enumerable.Range(0, keyCount).Select(_ => Sm2PrivateKey.Generate()).ToArray();
            var publicKeys = privateKeys.Select((key, i) => i % 12 == 5
                ? Sm2PublicKey.Create(key.PublicKey.Encoded, Encoding.ASCII.GetBytes("ALICE123@YAHOO.COM"))
                : key.PublicKey).ToArray();
            Keys = new Sm2PublicKey[itemCount];
            Messages = new ReadOnlyMemory<byte>[itemCount];
            Signatures = new ReadOnlyMemory<byte>[itemCount];
            Kinds = new CaseKind[itemCount];
            Expected = new bool[itemCount];
            var kinds = Enum.GetValues<CaseKind>();
            for (int i = 0; i < itemCount; i++)
            {
                int k = random.Next(keyCount);
                var message = new byte[random.Next(0, 200)];
                random.NextBytes(message);
                var signature = Sign(privateKeys[k], publicKeys[k], message);

                // Half valid, the other half spread over the bad kinds.
                var kind = random.Next(2) == 0 ? CaseKind.Valid : kinds[1 + random.Next(kinds.Length - 1)];
                var key = publicKeys[k];
                byte[] bytes = signature;
                switch (kind)
                {
                    case CaseKind.TamperedMessage:
                        message = [.. message, 0x01];
                        break;
                    case CaseKind.TamperedR:
                        bytes[random.Next(32)] ^= (byte)(1 << random.Next(8));
                        break;
                    case CaseKind.TamperedS:
                        bytes[32 + random.Next(32)] ^= (byte)(1 << random.Next(8));
                        break;
                    case CaseKind.RZero:
                        bytes.AsSpan(0, 32).Clear();
                        break;
                    case CaseKind.SZero:
                        bytes.AsSpan(32, 32).Clear();
                        break;
                    case CaseKind.REqualsN:
                        Write(N, bytes.AsSpan(0, 32));
                        break;
                    case CaseKind.SEqualsN:
                        Write(N, bytes.AsSpan(32, 32));
                        break;
                    case CaseKind.RAboveN:
                        Write(N + 1 + random.Next(1000), bytes.AsSpan(0, 32));
                        break;
                    case CaseKind.SAboveN:
                        bytes.AsSpan(32, 32).Fill(0xFF);
                        break;
                    case CaseKind.RPlusSEqualsN:
                        var s = new BigInteger(bytes.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
                        Write(N - s, bytes.AsSpan(0, 32));
                        break;
                    case CaseKind.WrongKey:
                        key = publicKeys[(k + 1 + random.Next(keyCount - 1)) % keyCount];
                        break;
                    case CaseKind.Short:
                        bytes = bytes[..63];
                        break;
                    case CaseKind.Long:
                        bytes = [.. bytes, 0x00];
                        break;
                    case CaseKind.Empty:
                        bytes = [];
                        break;
                }

                Keys[i] = key;
                Messages[i] = message;
                Signatures[i] = bytes;
                Kinds[i] = kind;
                Expected[i] = key.Verify(message, bytes);
            }

            foreach (var key in privateKeys)
            {
                key.Dispose();
            }
        }

        public Sm2PublicKey[] Keys { get; }

        public ReadOnlyMemory<byte>[] Messages { get; }

        public ReadOnlyMemory<byte>[] Signatures { get; }

        public CaseKind[] Kinds { get; }

        /// <summary>The one-by-one results.</summary>
        public bool[] Expected { get; }

        private static byte[] Sign(Sm2PrivateKey privateKey, Sm2PublicKey publicKey, byte[] message)
        {
            var signature = new byte[Sm2.SignatureSize];
            if (publicKey == privateKey.PublicKey)
            {
                privateKey.Sign(message, signature);
                return signature;
            }

            // A key with its own user id: sign e = SM3(Z || message) for that Z through the raw-digest path.
            var d = new byte[32];
            privateKey.WritePrivateKey(d);
            var dScalar = Scalar.FromInteger(U256.FromBigEndian(d));
            Sm2.SignDigest(publicKey.Z, dScalar, (Scalar.One + dScalar).Invert(), message, signature);
            return signature;
        }

        private static void Write(BigInteger value, Span<byte> destination) => ToU256(value).WriteBigEndian(destination);
    }
}
