using System.Text;
using Chainweave.Core.Crypto;

namespace Chainweave.Core.Tests.Crypto;

public class HashKnownAnswerTests
{
    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256_matches_FIPS_180_vectors(string message, string expectedHex)
    {
        var suite = CryptoSuites.Get("nist");

        Assert.Equal(expectedHex, Convert.ToHexStringLower(suite.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void Sm3_matches_GM_T_0004_vectors(string message, string expectedHex)
    {
        var suite = CryptoSuites.Get("sm");

        Assert.Equal(expectedHex, Convert.ToHexStringLower(suite.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Span_and_array_forms_agree_and_reuse_is_clean(string name)
    {
        var suite = Suites.Get(name);
        var data = Encoding.ASCII.GetBytes("chainweave");
        Span<byte> destination = stackalloc byte[suite.HashSize];

        suite.Hash("noise"u8, destination);
        suite.Hash(data, destination);

        Assert.Equal(32, suite.HashSize);
        Assert.Equal(suite.Hash(data), destination.ToArray());
    }
}
