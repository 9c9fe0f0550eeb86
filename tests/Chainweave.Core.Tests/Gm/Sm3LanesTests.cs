using System.Runtime.Intrinsics.X86;
using Chainweave.Core.Crypto.Gm;
using CsCheck;

namespace Chainweave.Core.Tests.Gm;

/// <summary>The eight-lane SM3 against the scalar one, lanes of different lengths mixed (AVX-512VL only).</summary>
public class Sm3LanesTests
{
    [Fact]
    public void Eight_lane_digests_equal_scalar_digests()
    {
        if (!Avx512F.VL.IsSupported)
        {
            return;
        }

        // Lengths around the padding boundaries (55/56 and 119/120 bytes in all) as well as random ones.
        var lengths = Gen.Frequency((3, Gen.Int[0, 400]), (2, Gen.OneOf(Gen.Int[20, 25], Gen.Int[52, 58], Gen.Int[84, 90], Gen.Int[116, 122])));
        var inputs = Gen.Select(Gen.OneOf(Gen.Const(32), Gen.Int[0, 64]), lengths).Select((prefixLength, messageLength) =>
        {
            var random = new Random(prefixLength * 1000 + messageLength);
            var prefix = new byte[prefixLength];
            var message = new byte[messageLength];
            random.NextBytes(prefix);
            random.NextBytes(message);
            return (prefix, message);
        });
        inputs.Array[Sm3Lanes.Lanes].Sample(lanes =>
        {
            var prefixes = lanes.Select(lane => (ReadOnlyMemory<byte>)lane.prefix).ToArray();
            var messages = lanes.Select(lane => (ReadOnlyMemory<byte>)lane.message).ToArray();
            var digests = new byte[Sm3Lanes.Lanes * Sm3.HashSize];
            Sm3Lanes.HashPrefixed(prefixes, messages, digests);
            for (int lane = 0; lane < Sm3Lanes.Lanes; lane++)
            {
                var expected = new byte[Sm3.HashSize];
                Sm3.HashPrefixed(lanes[lane].prefix, lanes[lane].message, expected);
                Assert.Equal(expected, digests.AsSpan(lane * Sm3.HashSize, Sm3.HashSize).ToArray());
            }
        }, iter: 300);
    }

    [Fact]
    public void The_standard_example_abc_hashes_to_its_published_digest_in_every_lane()
    {
        if (!Avx512F.VL.IsSupported)
        {
            return;
        }

        var inputs = Enumerable.Range(0, Sm3Lanes.Lanes).Select(lane => (ReadOnlyMemory<byte>)"abc"u8.ToArray().AsMemory(0, lane % 4 == 0 ? 0 : lane % 4)).ToArray();
        var messages = Enumerable.Range(0, Sm3Lanes.Lanes).Select(lane => (ReadOnlyMemory<byte>)"abc"u8.ToArray().AsMemory(lane % 4 == 0 ? 0 : lane % 4)).ToArray();
        var digests = new byte[Sm3Lanes.Lanes * Sm3.HashSize];
        Sm3Lanes.HashPrefixed(inputs, messages, digests);
        for (int lane = 0; lane < Sm3Lanes.Lanes; lane++)
        {
            Assert.Equal("66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0", Convert.ToHexString(digests, lane * Sm3.HashSize, Sm3.HashSize));
        }
    }
}
