using Org.BouncyCastle.Crypto.Parameters;

namespace Chainweave.Core.Crypto;

/// <summary>
/// An SM2 public key, verified by the project's own SM2 (<see cref="Gm.Sm2PublicKey"/>: Z and the
/// key's multiplication tables computed once, so a verification hashes only the data).
/// </summary>
internal sealed class SmVerifier : IVerifier
{
    private readonly byte[] _subjectPublicKeyInfo;
    private readonly Gm.Sm2PublicKey _key;

    public SmVerifier(ECPublicKeyParameters publicKey)
    {
        _subjectPublicKeyInfo = Sm2Keys.EncodePublic(publicKey);
        _key = Gm.Sm2PublicKey.Create(RawPoint(publicKey));
    }

    public byte[] SubjectPublicKeyInfo => (byte[])_subjectPublicKeyInfo.Clone();

    /// <summary>The uncompressed point without its 0x04 prefix: x || y, 32 bytes each.</summary>
    internal static byte[] RawPoint(ECPublicKeyParameters publicKey)
    {
        var point = publicKey.Q.Normalize();
        var raw = new byte[2 * CurveOrders.ScalarSize];
        point.AffineXCoord.EncodeTo(raw, 0);
        point.AffineYCoord.EncodeTo(raw, CurveOrders.ScalarSize);
        return raw;
    }

    internal Gm.Sm2PublicKey Key => _key;

    public SignatureCheck Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        Span<byte> rs = stackalloc byte[Gm.Sm2.SignatureSize];
        if (!TryDecodeSignature(signature, rs))
        {
            return SignatureCheck.Malformed;
        }

        return _key.Verify(data, rs) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    /// <summary>DER SEQUENCE { r, s } to raw r || s (64 bytes); false unless both are positive and below n.</summary>
    internal static bool TryDecodeSignature(ReadOnlySpan<byte> der, Span<byte> rs64)
    {
        const int size = CurveOrders.ScalarSize;
        return DerSignature.TryParse(der, CurveOrders.Sm2, rs64[..size], rs64[size..(2 * size)]);
    }
}
