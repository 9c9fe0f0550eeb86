using Chainweave.Core.Crypto;
using Chainweave.Core.Merkle;
using Chainweave.Core.Tests.Crypto;

namespace Chainweave.Core.Tests.Merkle;

public class MerkleTreeTests
{
    // The leaves and roots of the Certificate Transparency reference test vectors (SHA-256).
    private static readonly byte[][] CtLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    [Theory]
    [InlineData(0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData(2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77")]
    [InlineData(4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4")]
    [InlineData(6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef")]
    [InlineData(7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c")]
    [InlineData(8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public void Roots_match_the_certificate_transparency_vectors(int size, string expectedHex)
    {
        var root = MerkleTree.ComputeRoot(CryptoSuites.Get("nist"), CtLeaves[..size]);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(root));
    }

    [Theory]
    [InlineData("nist", 33)]
    [InlineData("sm", 20)]
    public void Roots_and_paths_match_the_recursive_definition(string name, int maxSize)
    {
        var suite = Suites.Get(name);
        for (int size = 0; size <= maxSize; size++)
        {
            var leaves = Leaves(size);
            Assert.Equal(ReferenceMerkle.Root(suite, leaves), MerkleTree.ComputeRoot(suite, leaves));
            for (int index = 0; index < size; index++)
            {
                var proof = MerkleTree.CreateProof(suite, leaves, index);
                Assert.Equal(ReferenceMerkle.Path(suite, leaves, index), proof.Path);
                Assert.Equal(index, proof.LeafIndex);
                Assert.Equal(size, proof.TreeSize);
            }
        }
    }

    [Fact]
    public void Single_leaf_root_is_the_prefixed_leaf_hash_with_an_empty_path()
    {
        var suite = CryptoSuites.Get("sm");
        byte[] leaf = [1, 2, 3];

        var root = MerkleTree.ComputeRoot(suite, [leaf]);
        var proof = MerkleTree.CreateProof(suite, [leaf], 0);

        Assert.Equal(suite.Hash([0x00, 1, 2, 3]), root);
        Assert.Empty(proof.Path);
        Assert.True(MerkleTree.VerifyProof(suite, leaf, 0, 1, proof.Path, root));
    }

    [Fact]
    public void Root_of_ten_thousand_leaves_does_not_allocate_per_node()
    {
        var suite = CryptoSuites.Get("nist");
        var leaves = Leaves(10_000);
        var expected = MerkleTree.ComputeRoot(suite, leaves);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var root = MerkleTree.ComputeRoot(suite, leaves);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(expected, root);
        Assert.True(allocated < 4096, $"allocated {allocated} bytes for 10,000 leaves");
    }

    [Fact]
    public void Proof_for_an_index_outside_the_tree_is_an_argument_error()
    {
        var suite = CryptoSuites.Get("nist");
        var leaves = Leaves(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.CreateProof(suite, leaves, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.CreateProof(suite, leaves, -1));
    }

    [Fact]
    public void Verify_refuses_inconsistent_shapes_without_throwing()
    {
        var suite = CryptoSuites.Get("nist");
        var leaves = Leaves(5);
        var root = MerkleTree.ComputeRoot(suite, leaves);
        var path = MerkleTree.CreateProof(suite, leaves, 4).Path;

        Assert.True(MerkleTree.VerifyProof(suite, leaves[4], 4, 5, path, root));
        Assert.False(MerkleTree.VerifyProof(suite, leaves[4], 5, 5, path, root));
        Assert.False(MerkleTree.VerifyProof(suite, leaves[4], -1, 5, path, root));
        Assert.False(MerkleTree.VerifyProof(suite, leaves[4], 4, 6, path, root));
        Assert.False(MerkleTree.VerifyProof(suite, leaves[4], 4, 5, [.. path, root], root));
        Assert.False(MerkleTree.VerifyProof(suite, leaves[4], 4, 5, [], root));
        Assert.False(MerkleTree.VerifyProof(suite, leaves[4], 4, 5, [new byte[31]], root));
        Assert.False(MerkleTree.VerifyProof(suite, leaves[4], 4, 5, path, root.AsSpan(1)));
    }

    internal static byte[][] Leaves(int count) =>
        [.. Enumerable.Range(0, count).Select(i => BitConverter.GetBytes(i * 7919))];
}
