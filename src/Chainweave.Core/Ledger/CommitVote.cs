using System.Buffers.Binary;
using System.Text;

namespace Chainweave.Core.Ledger;

/// <summary>
/// The bytes a validator signs to commit a block: domain tag, chain id, height, round and block
/// hash. A light client checks a commit certificate by rebuilding exactly these bytes.
/// </summary>
public static class CommitVote
{
    private static readonly byte[] Domain = "chainweave/commit/v1"u8.ToArray();

    public static byte[] SignedBytes(string chainId, ulong height, uint round, ReadOnlySpan<byte> blockHash)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var chain = Encoding.UTF8.GetBytes(chainId);
        var bytes = new byte[Domain.Length + 4 + chain.Length + 8 + 4 + blockHash.Length];
        var span = bytes.AsSpan();
        Domain.CopyTo(span);
        span = span[Domain.Length..];
        BinaryPrimitives.WriteInt32BigEndian(span, chain.Length);
        chain.CopyTo(span[4..]);
        span = span[(4 + chain.Length)..];
        BinaryPrimitives.WriteUInt64BigEndian(span, height);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], round);
        blockHash.CopyTo(span[12..]);
        return bytes;
    }
}
