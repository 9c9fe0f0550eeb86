using BenchmarkDotNet.Attributes;
using Chainweave.Core.Crypto;

namespace Chainweave.Benchmarks;

/// <summary>The node's throughput bound: one signature check per admitted transaction.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private readonly byte[] _payload = new byte[300];
    private IVerifier _verifier = null!;
    private ISigner _signer = null!;
    private byte[] _signature = null!;

    [Params("nist", "sm")]
    public string Suite { get; set; } = "nist";

    [GlobalSetup]
    public void Setup()
    {
        var suite = CryptoSuites.Get(Suite);
        _signer = suite.GenerateKey();
        _verifier = suite.ImportPublicKey(_signer.PublicKey.SubjectPublicKeyInfo);
        new Random(7).NextBytes(_payload);
        _signature = _signer.Sign(_payload);
    }

    [Benchmark]
    public SignatureCheck Verify() => _verifier.Verify(_payload, _signature);

    [Benchmark]
    public byte[] Sign() => _signer.Sign(_payload);
}
