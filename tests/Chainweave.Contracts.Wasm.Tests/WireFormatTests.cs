using Chainweave.Api.Ledger;
using CsCheck;
using Google.Protobuf;

namespace Chainweave.Contracts.Wasm.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void Arguments_round_trip_through_the_pair_list()
    {
        var gen = Gen.Select(Gen.Char.AlphaNumeric.Array[0, 20].Select(c => new string(c)), Gen.Byte.Array[0, 40]).List[0, 8];
        gen.Sample(pairs =>
        {
            var args = pairs.Select(p => new Arg { Key = p.Item1, Value = ByteString.CopyFrom(p.Item2) }).ToList();
            var decoded = WireFormat.DecodeArgs(WireFormat.EncodeArgs(args));
            Assert.NotNull(decoded);
            Assert.Equal(args, decoded);
        }, iter: 200);
    }

    [Fact]
    public void Truncated_or_padded_lists_are_rejected()
    {
        var encoded = WireFormat.EncodePairs([new(new byte[] { 1, 2 }, new byte[] { 3 })]);

        Assert.NotNull(WireFormat.DecodeArgs(encoded));
        Assert.Null(WireFormat.DecodeArgs(encoded[..^1]));
        Assert.Null(WireFormat.DecodeArgs([.. encoded, 0]));
        Assert.Null(WireFormat.DecodeItems([0xff, 0xff, 0xff, 0xff]));
        Assert.Null(WireFormat.DecodeItems([]));
    }
}
