using Chainweave.Core.Crypto;
using Chainweave.Core.Merkle;
using CsCheck;

namespace Chainweave.Core.Tests.Merkle;

public class MerkleProofPropertyTests
{
    private readonly ICryptoSuite _suite = CryptoSuites.Get("nist");

    /// <summary>Random leaf contents, made distinct by their position so that no two leaves can stand for each other.</summary>
    private static Gen<byte[][]> LeafLists(int maxCount) =>
        Gen.Int[1, maxCount].SelectMany(count => Gen.Byte.Array[0, 24].Array[count])
            .Select(contents => contents.Select((content, i) => (byte[])[.. BitConverter.GetBytes(i), .. content]).ToArray());

    [Fact]
    public void Every_index_proof_verifies_against_the_root()
    {
        LeafLists(300).Sample(
            leaves =>
            {
                var root = MerkleTree.ComputeRoot(_suite, leaves);
                for (int index = 0; index < leaves.Length; index++)
                {
                    var proof = MerkleTree.CreateProof(_suite, leaves, index);
                    Assert.True(MerkleTree.VerifyProof(_suite, leaves[index], proof.LeafIndex, proof.TreeSize, proof.Path, root));
                }
            },
            iter: 12);
    }

    [Fact]
    public void Every_index_proof_verifies_with_the_sm_suite()
    {
        var suite = CryptoSuites.Get("sm");
        LeafLists(64).Sample(
            leaves =>
            {
                var root = MerkleTree.ComputeRoot(suite, leaves);
                for (int index = 0; index < leaves.Length; index++)
                {
                    var proof = MerkleTree.CreateProof(suite, leaves, index);
                    Assert.True(MerkleTree.VerifyProof(suite, leaves[index], index, leaves.Length, proof.Path, root));
                }
            },
            iter: 10);
    }

    [Fact]
    public void Proof_fails_for_a_modified_leaf()
    {
        Gen.Select(LeafLists(300), Gen.Int.NonNegative, Gen.Byte).Sample(
            (leaves, pick, mask) =>
            {
                int index = pick % leaves.Length;
                var root = MerkleTree.ComputeRoot(_suite, leaves);
                var proof = MerkleTree.CreateProof(_suite, leaves, index);
                var modified = (byte[])leaves[index].Clone();
                modified[pick % modified.Length] ^= (byte)(mask | 1);

                Assert.False(MerkleTree.VerifyProof(_suite, modified, index, leaves.Length, proof.Path, root));
                Assert.False(MerkleTree.VerifyProof(_suite, [.. leaves[index], 0], index, leaves.Length, proof.Path, root));
            },
            iter: 60);
    }

    [Fact]
    public void Proof_fails_at_a_wrong_index()
    {
        Gen.Select(LeafLists(300), Gen.Int.NonNegative, Gen.Int.NonNegative).Sample(
            (leaves, pick, shift) =>
            {
                int index = pick % leaves.Length;
                var root = MerkleTree.ComputeRoot(_suite, leaves);
                var proof = MerkleTree.CreateProof(_suite, leaves, index);
                long wrong = leaves.Length == 1 ? 1 : (index + 1 + (shift % (leaves.Length - 1))) % leaves.Length;

                Assert.NotEqual(index, wrong);
                Assert.False(MerkleTree.VerifyProof(_suite, leaves[index], wrong, leaves.Length, proof.Path, root));
            },
            iter: 60);
    }

    [Fact]
    public void Proof_fails_with_a_modified_path_element()
    {
        Gen.Select(LeafLists(300).Where(leaves => leaves.Length > 1), Gen.Int.NonNegative, Gen.Int.NonNegative).Sample(
            (leaves, pick, position) =>
            {
                int index = pick % leaves.Length;
                var root = MerkleTree.ComputeRoot(_suite, leaves);
                var path = MerkleTree.CreateProof(_suite, leaves, index).Path.Select(h => (byte[])h.Clone()).ToList();
                var element = path[position % path.Count];
                element[position % element.Length] ^= 0x01;

                Assert.False(MerkleTree.VerifyProof(_suite, leaves[index], index, leaves.Length, path, root));
            },
            iter: 60);
    }
}
