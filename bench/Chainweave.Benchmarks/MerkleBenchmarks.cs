using BenchmarkDotNet.Attributes;
using Chainweave.Core.Crypto;
using Chainweave.Core.Merkle;

namespace Chainweave.Benchmarks;

/// <summary>The tx root of a full block.</summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private byte[][] _leaves = [];
    private ICryptoSuite _suite = null!;

    [Params(10_000)]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _suite = CryptoSuites.Get("nist");
        _leaves = new byte[Leaves][];
        for (var i = 0; i < Leaves; i++)
        {
            _leaves[i] = _suite.Hash(BitConverter.GetBytes(i));
        }
    }

    [Benchmark]
    public byte[] Root() => MerkleTree.ComputeRoot(_suite, _leaves);
}
