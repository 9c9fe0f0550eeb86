namespace Chainweave.Core.Merkle;

/// <summary>An RFC 6962 inclusion proof: the sibling hashes from the leaf's level up to just below the root.</summary>
public sealed record MerkleAuditPath(long LeafIndex, long TreeSize, IReadOnlyList<byte[]> Path);
