using BenchmarkDotNet.Attributes;
using Chainweave.Core.Crypto.Gm;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Chainweave.Benchmarks;

/// <summary>The project's own SM3/SM2 beside BouncyCastle's in one run, so the ratio is measured on the same machine state.</summary>
[MemoryDiagnoser]
public class GmBenchmarks
{
    private readonly byte[] _block = new byte[64];
    private readonly byte[] _kibibyte = new byte[1024];
    private readonly byte[] _payload = new byte[300];
    private readonly byte[] _digest = new byte[32];
    private readonly byte[] _signature = new byte[Sm2.SignatureSize];
    private readonly SM3Digest _bouncyDigest = new();
    private Sm2PrivateKey _privateKey = null!;
    private byte[] _ourSignature = null!;
    private SM2Signer _bouncySigner = null!;
    private SM2Signer _bouncyVerifier = null!;
    private byte[] _bouncySignature = null!;
    private SM2Engine _bouncyEncryptor = null!;
    private SM2Engine _bouncyDecryptor = null!;
    private byte[] _ourCiphertext = null!;
    private byte[] _bouncyCiphertext = null!;
    private byte[] _publicKey = null!;
    private byte[] _bouncyPublicKey = null!;
    private ECDomainParameters _domain = null!;
    private Sm2PublicKey[] _batchKeys = null!;
    private ReadOnlyMemory<byte>[] _batchMessages = null!;
    private ReadOnlyMemory<byte>[] _batchSignatures = null!;
    private readonly bool[] _batchResults = new bool[BatchSize];

    /// <summary>Signatures per batch call, over <see cref="BatchKeys"/> keys.</summary>
    public const int BatchSize = 64;

    private const int BatchKeys = 8;

    [GlobalSetup]
    public void Setup()
    {
        new Random(6).NextBytes(_block);
        new Random(7).NextBytes(_kibibyte);
        new Random(8).NextBytes(_payload);
        _privateKey = Sm2PrivateKey.Generate();
        _ourSignature = new byte[Sm2.SignatureSize];
        _privateKey.Sign(_payload, _ourSignature);

        var domain = new ECDomainParameters(CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
        var d = new byte[32];
        _privateKey.WritePrivateKey(d);
        var privateKey = new ECPrivateKeyParameters(new BigInteger(1, d), domain);
        var publicKey = new ECPublicKeyParameters(domain.Curve.DecodePoint([0x04, .. _privateKey.PublicKey.Encoded]), domain);
        var userId = Sm2PublicKey.DefaultUserId.ToArray();
        _domain = domain;
        _publicKey = _privateKey.PublicKey.Encoded.ToArray();
        _bouncyPublicKey = [0x04, .. _publicKey];
        _bouncySigner = new SM2Signer(PlainDsaEncoding.Instance);
        _bouncySigner.Init(forSigning: true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), userId));
        _bouncyVerifier = new SM2Signer(PlainDsaEncoding.Instance);
        _bouncyVerifier.Init(forSigning: false, new ParametersWithID(publicKey, userId));
        _bouncySignature = BouncySign();
        _bouncyEncryptor = new SM2Engine(SM2Engine.Mode.C1C3C2);
        _bouncyEncryptor.Init(forEncryption: true, new ParametersWithRandom(publicKey, new SecureRandom()));
        _bouncyDecryptor = new SM2Engine(SM2Engine.Mode.C1C3C2);
        _bouncyDecryptor.Init(forEncryption: false, privateKey);
        _ourCiphertext = _privateKey.PublicKey.Encrypt(_payload);
        _bouncyCiphertext = Sm2Encrypt_BouncyCastle();
        if (!_privateKey.Decrypt(_bouncyCiphertext).AsSpan().SequenceEqual(_payload)
            || !_bouncyDecryptor.ProcessBlock(_ourCiphertext, 0, _ourCiphertext.Length).AsSpan().SequenceEqual(_payload))
        {
            throw new InvalidOperationException("The two SM2 encryptions disagree.");
        }

        if (!_privateKey.PublicKey.Verify(_payload, _bouncySignature) || !BouncyVerify())
        {
            throw new InvalidOperationException("The two SM2 implementations disagree.");
        }

        SetupBatch();
    }

    [GlobalCleanup]
    public void Cleanup() => _privateKey.Dispose();

    [Benchmark]
    public byte[] Sm3_64B_Ours()
    {
        Sm3.HashData(_block, _digest);
        return _digest;
    }

    [Benchmark]
    public byte[] Sm3_64B_BouncyCastle()
    {
        _bouncyDigest.BlockUpdate(_block);
        _bouncyDigest.DoFinal(_digest);
        return _digest;
    }

    [Benchmark]
    public byte[] Sm3_1KiB_Ours()
    {
        Sm3.HashData(_kibibyte, _digest);
        return _digest;
    }

    [Benchmark]
    public byte[] Sm3_1KiB_BouncyCastle()
    {
        _bouncyDigest.BlockUpdate(_kibibyte);
        _bouncyDigest.DoFinal(_digest);
        return _digest;
    }

    [Benchmark]
    public byte[] Sm2Sign_Ours()
    {
        _privateKey.Sign(_payload, _signature);
        return _signature;
    }

    [Benchmark]
    public byte[] Sm2Sign_BouncyCastle() => BouncySign();

    [Benchmark]
    public bool Sm2Verify_Ours() => _privateKey.PublicKey.Verify(_payload, _ourSignature);

    [Benchmark]
    public bool Sm2Verify_BouncyCastle() => BouncyVerify();

    /// <summary>64 signatures over 8 keys (300-byte messages, like the single verify) in one call; reported per signature.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public bool[] Sm2VerifyBatch64_Ours()
    {
        Sm2BatchVerifier.Verify(_batchKeys, _batchMessages, _batchSignatures, _batchResults);
        return _batchResults;
    }

    /// <summary>x || y to a key object: ours checks the point and hashes Z (its wNAF table waits for the first verification, see Sm2FirstVerify_Ours).</summary>
    [Benchmark]
    public object Sm2KeyImport_Ours() => Sm2PublicKey.Create(_publicKey);

    /// <summary>BouncyCastle's equivalent: decode and validate the point, then a verifier initialised with it (which hashes Z).</summary>
    [Benchmark]
    public object Sm2KeyImport_BouncyCastle()
    {
        var point = new ECPublicKeyParameters(_domain.Curve.DecodePoint(_bouncyPublicKey), _domain);
        var verifier = new SM2Signer(PlainDsaEncoding.Instance);
        verifier.Init(forSigning: false, new ParametersWithID(point, Sm2PublicKey.DefaultUserId.ToArray()));
        return verifier;
    }

    /// <summary>A fresh key's first verification: the import, the key's wNAF table and one verification.</summary>
    [Benchmark]
    public bool Sm2FirstVerify_Ours() => Sm2PublicKey.Create(_publicKey).Verify(_payload, _ourSignature);

    [Benchmark]
    public byte[] Sm2Encrypt_Ours() => _privateKey.PublicKey.Encrypt(_payload);

    [Benchmark]
    public byte[] Sm2Encrypt_BouncyCastle() => _bouncyEncryptor.ProcessBlock(_payload, 0, _payload.Length);

    [Benchmark]
    public byte[] Sm2Decrypt_Ours() => _privateKey.Decrypt(_ourCiphertext);

    [Benchmark]
    public byte[] Sm2Decrypt_BouncyCastle() => _bouncyDecryptor.ProcessBlock(_bouncyCiphertext, 0, _bouncyCiphertext.Length);

    private void SetupBatch()
    {
        var signers = new Sm2PrivateKey[BatchKeys];
        for (int k = 0; k < BatchKeys; k++)
        {
            signers[k] = Sm2PrivateKey.Generate();
        }

        var random = new Random(9);
        _batchKeys = new Sm2PublicKey[BatchSize];
        _batchMessages = new ReadOnlyMemory<byte>[BatchSize];
        _batchSignatures = new ReadOnlyMemory<byte>[BatchSize];
        for (int i = 0; i < BatchSize; i++)
        {
            var signer = signers[i % BatchKeys];
            var message = new byte[_payload.Length];
            random.NextBytes(message);
            var signature = new byte[Sm2.SignatureSize];
            signer.Sign(message, signature);
            _batchKeys[i] = signer.PublicKey;
            _batchMessages[i] = message;
            _batchSignatures[i] = signature;
        }

        foreach (var signer in signers)
        {
            signer.Dispose();
        }

        if (Sm2VerifyBatch64_Ours().Contains(false))
        {
            throw new InvalidOperationException("The batch verifier rejected a valid signature.");
        }
    }

    private byte[] BouncySign()
    {
        _bouncySigner.Reset();
        _bouncySigner.BlockUpdate(_payload);
        return _bouncySigner.GenerateSignature();
    }

    private bool BouncyVerify()
    {
        _bouncyVerifier.Reset();
        _bouncyVerifier.BlockUpdate(_payload);
        return _bouncyVerifier.VerifySignature(_bouncySignature);
    }
}
