using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Chainweave.Network;

/// <summary>
/// What a node signs with its consensus key when a peer stream opens: the chain, its node id and
/// the hash of the TLS certificate it presented. The receiver rebuilds the bytes from the
/// certificate it saw, so the signature proves the TLS peer holds that node's consensus key.
/// </summary>
public static class HelloProof
{
    private static readonly byte[] Domain = "chainweave/p2p-hello/v1"u8.ToArray();

    public static byte[] SignedBytes(string chainId, ReadOnlySpan<byte> nodeId, ReadOnlySpan<byte> tlsCertificateDer)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var chain = Encoding.UTF8.GetBytes(chainId);
        var bytes = new byte[Domain.Length + 4 + chain.Length + 4 + nodeId.Length + SHA256.HashSizeInBytes];
        var span = bytes.AsSpan();
        Domain.CopyTo(span);
        span = span[Domain.Length..];
        BinaryPrimitives.WriteInt32BigEndian(span, chain.Length);
        chain.CopyTo(span[4..]);
        span = span[(4 + chain.Length)..];
        BinaryPrimitives.WriteInt32BigEndian(span, nodeId.Length);
        nodeId.CopyTo(span[4..]);
        SHA256.HashData(tlsCertificateDer, span[(4 + nodeId.Length)..]);
        return bytes;
    }
}
