using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Chainweave.Core.Crypto;

/// <summary>
/// An SM2 public key. Each pooled BouncyCastle signer has Z (user id and key hashed) computed once at
/// initialisation, so a verification hashes only the data.
/// </summary>
internal sealed class SmVerifier : IVerifier
{
    private readonly byte[] _subjectPublicKeyInfo;
    private readonly InstancePool<SM2Signer> _instances;

    public SmVerifier(ECPublicKeyParameters publicKey)
    {
        _subjectPublicKeyInfo = Sm2Keys.EncodePublic(publicKey);
        var parameters = new ParametersWithID(publicKey, Sm2Keys.DefaultUserId.ToArray());
        _instances = new InstancePool<SM2Signer>(() => CreateVerifier(parameters), CreateVerifier(parameters));
    }

    public byte[] SubjectPublicKeyInfo => (byte[])_subjectPublicKeyInfo.Clone();

    public SignatureCheck Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        const int size = CurveOrders.ScalarSize;
        Span<byte> rs = stackalloc byte[2 * size];
        if (!DerSignature.TryParse(signature, CurveOrders.Sm2, rs[..size], rs[size..]))
        {
            return SignatureCheck.Malformed;
        }

        var verifier = _instances.Rent();
        try
        {
            verifier.Reset();
            verifier.BlockUpdate(data);
            return verifier.VerifySignature(signature.ToArray()) ? SignatureCheck.Valid : SignatureCheck.Invalid;
        }
        finally
        {
            _instances.Return(verifier);
        }
    }

    private static SM2Signer CreateVerifier(ParametersWithID parameters)
    {
        var verifier = new SM2Signer();
        verifier.Init(forSigning: false, parameters);
        return verifier;
    }
}
