using System.Text;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Tests.Crypto;

public class KeyEncodingTests
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("key round trip");

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Pkcs8_round_trip_keeps_the_key(string name)
    {
        var suite = Suites.Get(name);
        using var original = suite.GenerateKey();

        var pkcs8 = original.ExportPkcs8();
        using var imported = suite.ImportPrivateKey(pkcs8);

        Assert.Equal(original.PublicKey.SubjectPublicKeyInfo, imported.PublicKey.SubjectPublicKeyInfo);
        Assert.Equal(pkcs8, imported.ExportPkcs8());
        Assert.Equal(SignatureCheck.Valid, original.PublicKey.Verify(Data, imported.Sign(Data)));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Spki_round_trip_keeps_the_key(string name)
    {
        var suite = Suites.Get(name);
        using var signer = suite.GenerateKey();

        var spki = signer.PublicKey.SubjectPublicKeyInfo;
        var verifier = suite.ImportPublicKey(spki);

        Assert.Equal(spki, verifier.SubjectPublicKeyInfo);
        Assert.Equal(SignatureCheck.Valid, verifier.Verify(Data, signer.Sign(Data)));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Pem_round_trip_keeps_both_keys(string name)
    {
        var suite = Suites.Get(name);
        using var signer = suite.GenerateKey();

        var privatePem = Pem.Encode(Pem.PrivateKeyLabel, signer.ExportPkcs8());
        var publicPem = Pem.Encode(Pem.PublicKeyLabel, signer.PublicKey.SubjectPublicKeyInfo);
        using var imported = suite.ImportPrivateKey(Pem.Decode(privatePem, Pem.PrivateKeyLabel));
        var verifier = suite.ImportPublicKey(Pem.Decode(publicPem, Pem.PublicKeyLabel));

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", privatePem, StringComparison.Ordinal);
        Assert.Equal(SignatureCheck.Valid, verifier.Verify(Data, imported.Sign(Data)));
    }

    [Theory]
    [InlineData("nist", "sm")]
    [InlineData("sm", "nist")]
    public void Key_of_the_other_suite_is_refused(string owner, string importer)
    {
        using var signer = Suites.Get(owner).GenerateKey();
        var suite = Suites.Get(importer);

        var privateError = Assert.Throws<ChainError>(() => suite.ImportPrivateKey(signer.ExportPkcs8()));
        var publicError = Assert.Throws<ChainError>(() => suite.ImportPublicKey(signer.PublicKey.SubjectPublicKeyInfo));

        Assert.Equal(ErrorCodes.IdentityInvalid, privateError.Code);
        Assert.Equal(ErrorCodes.IdentityInvalid, publicError.Code);
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Garbage_and_trailing_bytes_are_refused(string name)
    {
        var suite = Suites.Get(name);
        using var signer = suite.GenerateKey();
        byte[] garbage = [0x30, 0x03, 0x02, 0x01, 0x01];

        Assert.Equal(ErrorCodes.IdentityInvalid, Assert.Throws<ChainError>(() => suite.ImportPrivateKey(garbage)).Code);
        Assert.Equal(ErrorCodes.IdentityInvalid, Assert.Throws<ChainError>(() => suite.ImportPublicKey(garbage)).Code);
        Assert.Equal(ErrorCodes.IdentityInvalid, Assert.Throws<ChainError>(() => suite.ImportPrivateKey([])).Code);
        Assert.Equal(ErrorCodes.IdentityInvalid, Assert.Throws<ChainError>(() => suite.ImportPublicKey([.. signer.PublicKey.SubjectPublicKeyInfo, 0x00])).Code);
        Assert.Equal(ErrorCodes.IdentityInvalid, Assert.Throws<ChainError>(() => suite.ImportPrivateKey([.. signer.ExportPkcs8(), 0x00])).Code);
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Disposed_signer_refuses_to_sign(string name)
    {
        var signer = Suites.Get(name).GenerateKey();
        signer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => signer.Sign(Data));
        Assert.Throws<ObjectDisposedException>(() => signer.ExportPkcs8());
    }
}
