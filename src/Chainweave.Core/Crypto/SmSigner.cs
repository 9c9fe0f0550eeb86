using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Chainweave.Core.Crypto;

/// <summary>An SM2 private key; signs SM3(Z || data) with the default user id, DER output.</summary>
internal sealed class SmSigner : ISigner
{
    private readonly ECPrivateKeyParameters _privateKey;
    private readonly InstancePool<SM2Signer> _instances;
    private bool _disposed;

    public SmSigner(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey)
    {
        _privateKey = privateKey;
        _instances = new InstancePool<SM2Signer>(() => CreateSigner(privateKey));
        PublicKey = new SmVerifier(publicKey);
    }

    public IVerifier PublicKey { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var signer = _instances.Rent();
        try
        {
            signer.Reset();
            signer.BlockUpdate(data);
            return signer.GenerateSignature();
        }
        finally
        {
            _instances.Return(signer);
        }
    }

    public byte[] ExportPkcs8()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Sm2Keys.EncodePrivate(_privateKey);
    }

    public void Dispose()
    {
        // BigInteger is immutable, so the scalar cannot be wiped; dropping the signers is what is possible.
        _disposed = true;
        _instances.Dispose();
    }

    private static SM2Signer CreateSigner(ECPrivateKeyParameters privateKey)
    {
        var signer = new SM2Signer();
        var withRandom = new ParametersWithRandom(privateKey, new SecureRandom());
        signer.Init(forSigning: true, new ParametersWithID(withRandom, Sm2Keys.DefaultUserId.ToArray()));
        return signer;
    }
}
