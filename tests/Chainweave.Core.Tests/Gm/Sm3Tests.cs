using System.Text;
using Chainweave.Core.Crypto.Gm;
using CsCheck;
using Org.BouncyCastle.Crypto.Digests;

namespace Chainweave.Core.Tests.Gm;

public class Sm3Tests
{
    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    [InlineData("", "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")]
    public void Published_vectors_hash_to_their_digests(string message, string expectedHex)
    {
        var digest = new byte[Sm3.HashSize];
        Sm3.HashData(Encoding.ASCII.GetBytes(message), digest);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Random_inputs_hash_as_BouncyCastle_does()
    {
        Gen.Byte.Array[0, 1000].Sample(
            data => Assert.Equal(BouncyCastleSm3(data), OneShot(data)),
            iter: 300);
    }

    [Fact]
    public void Incremental_hashing_over_any_split_equals_one_shot()
    {
        var sm3 = new Sm3();
        Gen.Select(Gen.Byte.Array[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000]).Sample(
            (data, first, second) =>
            {
                int cut1 = Math.Min(first, data.Length);
                int cut2 = Math.Clamp(second, cut1, data.Length);
                sm3.Append(data.AsSpan(0, cut1));
                sm3.Append(data.AsSpan(cut1, cut2 - cut1));
                sm3.Append(data.AsSpan(cut2));
                var digest = new byte[Sm3.HashSize];
                sm3.GetHashAndReset(digest);
                Assert.Equal(BouncyCastleSm3(data), digest);
            },
            iter: 300,
            threads: 1);
    }

    [Fact]
    public void Byte_by_byte_appends_equal_one_shot()
    {
        var data = new byte[200];
        new Random(5).NextBytes(data);
        var sm3 = new Sm3();
        foreach (var b in data)
        {
            sm3.Append([b]);
        }

        var digest = new byte[Sm3.HashSize];
        sm3.GetHashAndReset(digest);
        Assert.Equal(OneShot(data), digest);
    }

    [Fact]
    public void Prefixed_hashing_equals_hashing_the_concatenation()
    {
        Gen.Select(Gen.Byte.Array[0, 64], Gen.Byte.Array[0, 300]).Sample(
            (prefix, data) =>
            {
                var digest = new byte[Sm3.HashSize];
                Sm3.HashPrefixed(prefix, data, digest);
                Assert.Equal(OneShot([.. prefix, .. data]), digest);
            },
            iter: 300);
    }

    private static byte[] OneShot(byte[] data)
    {
        var digest = new byte[Sm3.HashSize];
        Sm3.HashData(data, digest);
        return digest;
    }

    private static byte[] BouncyCastleSm3(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
