using System.Security.Cryptography;
using System.Text;
using Chainweave.Core.Crypto;

namespace Chainweave.Core.Tests.Crypto;

/// <summary>ECDSA P-256 / SHA-256 key and signatures from RFC 6979 appendix A.2.5.</summary>
public class NistKnownAnswerTests
{
    private const string PrivateHex = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
    private const string PublicXHex = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
    private const string PublicYHex = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";

    private readonly ICryptoSuite _suite = CryptoSuites.Get("nist");

    [Fact]
    public void Rfc6979_signature_over_test_verifies()
    {
        var verifier = _suite.ImportPublicKey(Rfc6979PublicKey());
        var signature = TestDer.Signature(
            "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
            "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");

        Assert.Equal(SignatureCheck.Valid, verifier.Verify(Encoding.ASCII.GetBytes("test"), signature));
        Assert.Equal(SignatureCheck.Invalid, verifier.Verify(Encoding.ASCII.GetBytes("tesT"), signature));
    }

    [Fact]
    public void Rfc6979_signature_over_sample_is_high_s_and_its_low_twin_verifies()
    {
        var verifier = _suite.ImportPublicKey(Rfc6979PublicKey());
        var r = TestDer.Unsigned("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716");
        var s = TestDer.Unsigned("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
        var sample = Encoding.ASCII.GetBytes("sample");

        Assert.Equal(SignatureCheck.HighS, verifier.Verify(sample, TestDer.Signature(r, s)));
        Assert.Equal(SignatureCheck.Valid, verifier.Verify(sample, TestDer.Signature(r, TestDer.P256Order - s)));
    }

    [Fact]
    public void Rfc6979_private_key_imports_and_derives_its_public_key()
    {
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Convert.FromHexString(PrivateHex),
            Q = new ECPoint { X = Convert.FromHexString(PublicXHex), Y = Convert.FromHexString(PublicYHex) },
        });

        using var signer = _suite.ImportPrivateKey(key.ExportPkcs8PrivateKey());

        Assert.Equal(Rfc6979PublicKey(), signer.PublicKey.SubjectPublicKeyInfo);
        var data = Encoding.ASCII.GetBytes("sample");
        Assert.Equal(SignatureCheck.Valid, _suite.ImportPublicKey(Rfc6979PublicKey()).Verify(data, signer.Sign(data)));
    }

    private static byte[] Rfc6979PublicKey()
    {
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Convert.FromHexString(PublicXHex), Y = Convert.FromHexString(PublicYHex) },
        });
        return key.ExportSubjectPublicKeyInfo();
    }
}
