using System.Text;
using Chainweave.Core.Crypto;

namespace Chainweave.Core.Tests.Crypto;

public class SignatureTests
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("transfer 10 to bob");

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Signature_verifies_with_the_signers_public_key(string name)
    {
        using var signer = Suites.Get(name).GenerateKey();

        Assert.Equal(SignatureCheck.Valid, signer.PublicKey.Verify(Data, signer.Sign(Data)));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Tampered_data_is_invalid(string name)
    {
        using var signer = Suites.Get(name).GenerateKey();
        var signature = signer.Sign(Data);
        var tampered = (byte[])Data.Clone();
        tampered[0] ^= 1;

        Assert.Equal(SignatureCheck.Invalid, signer.PublicKey.Verify(tampered, signature));
        Assert.Equal(SignatureCheck.Invalid, signer.PublicKey.Verify([], signature));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Tampered_signature_fails(string name)
    {
        using var signer = Suites.Get(name).GenerateKey();
        var signature = signer.Sign(Data);
        var (r, s) = TestDer.Read(signature);
        var flipped = (byte[])signature.Clone();
        flipped[^1] ^= 1;

        Assert.Equal(SignatureCheck.Invalid, signer.PublicKey.Verify(Data, TestDer.Signature(r + 1, s)));
        Assert.Equal(SignatureCheck.Invalid, signer.PublicKey.Verify(Data, TestDer.Signature(r, s - 1)));
        Assert.NotEqual(SignatureCheck.Valid, signer.PublicKey.Verify(Data, flipped));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Signature_from_another_key_is_invalid(string name)
    {
        var suite = Suites.Get(name);
        using var signer = suite.GenerateKey();
        using var other = suite.GenerateKey();

        Assert.Equal(SignatureCheck.Invalid, other.PublicKey.Verify(Data, signer.Sign(Data)));
    }

    [Fact]
    public void Nist_signatures_are_always_low_s()
    {
        using var signer = CryptoSuites.Get("nist").GenerateKey();

        for (int i = 0; i < 64; i++)
        {
            var (_, s) = TestDer.Read(signer.Sign(Data));
            Assert.True(s <= TestDer.P256Order / 2, "signature s is above n/2");
        }
    }

    [Fact]
    public void Nist_high_s_twin_of_a_valid_signature_is_refused_as_high_s()
    {
        using var signer = CryptoSuites.Get("nist").GenerateKey();
        var (r, s) = TestDer.Read(signer.Sign(Data));

        Assert.Equal(SignatureCheck.HighS, signer.PublicKey.Verify(Data, TestDer.Signature(r, TestDer.P256Order - s)));
    }

    [Fact]
    public void Sm2_has_no_high_s_rule_so_n_minus_s_is_just_invalid()
    {
        using var signer = CryptoSuites.Get("sm").GenerateKey();
        var (r, s) = TestDer.Read(signer.Sign(Data));

        Assert.Equal(SignatureCheck.Invalid, signer.PublicKey.Verify(Data, TestDer.Signature(r, TestDer.Sm2Order - s)));
    }
}
