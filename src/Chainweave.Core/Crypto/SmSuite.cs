using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;

namespace Chainweave.Core.Crypto;

/// <summary>
/// SM2 (with SM3 and the default user id) + SM3 + SM4-GCM. SM2 and SM3 are the project's own
/// (<see cref="Gm"/>); BouncyCastle serves key encodings and SM4.
/// </summary>
public sealed class SmSuite : ICryptoSuite
{
    public const string SuiteName = "sm";
    private const int DigestSize = 32;

    public string Name => SuiteName;

    public int HashSize => DigestSize;

    public int AeadKeySize => Sm4GcmAead.KeySize;

    public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < DigestSize)
        {
            throw new ArgumentException($"The destination must hold {DigestSize} bytes.", nameof(destination));
        }

        Gm.Sm3.HashData(data, destination);
    }

    public byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[DigestSize];
        Hash(data, hash);
        return hash;
    }

    public ISigner GenerateKey()
    {
        var pair = Sm2Keys.Generate();
        return new SmSigner((ECPrivateKeyParameters)pair.Private, (ECPublicKeyParameters)pair.Public);
    }

    public ISigner ImportPrivateKey(ReadOnlySpan<byte> pkcs8Der)
    {
        var privateKey = Sm2Keys.DecodePrivate(pkcs8Der);
        return new SmSigner(privateKey, Sm2Keys.PublicFromPrivate(privateKey));
    }

    public IVerifier ImportPublicKey(ReadOnlySpan<byte> spkiDer) => new SmVerifier(Sm2Keys.DecodePublic(spkiDer));

    public IAead CreateAead(ReadOnlySpan<byte> key) => new Sm4GcmAead(key);
}
