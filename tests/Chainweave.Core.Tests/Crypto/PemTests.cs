using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Tests.Crypto;

public class PemTests
{
    [Fact]
    public void Encode_wraps_base64_at_64_columns_and_decodes_back()
    {
        var der = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

        var pem = Pem.Encode(Pem.CertificateLabel, der);

        var lines = pem.Split('\n');
        Assert.Equal("-----BEGIN CERTIFICATE-----", lines[0]);
        Assert.Equal(64, lines[1].Length);
        Assert.Equal("-----END CERTIFICATE-----", lines[^2]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(der, Pem.Decode(pem, Pem.CertificateLabel));
    }

    [Fact]
    public void Decode_ignores_text_around_the_block()
    {
        var pem = "subject=CN=node1\r\n" + Pem.Encode(Pem.PublicKeyLabel, [1, 2, 3]).Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.Equal([1, 2, 3], Pem.Decode(pem, Pem.PublicKeyLabel));
    }

    [Fact]
    public void Wrong_label_is_an_identity_error_naming_both_labels()
    {
        var pem = Pem.Encode(Pem.PublicKeyLabel, [1, 2, 3]);

        var error = Assert.Throws<ChainError>(() => Pem.Decode(pem, Pem.PrivateKeyLabel));

        Assert.Equal(ErrorCodes.IdentityInvalid, error.Code);
        Assert.Contains("PRIVATE KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("PUBLIC KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just some text")]
    [InlineData("-----BEGIN PRIVATE KEY-----\n!!!not base64!!!\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAQID\n-----END PUBLIC KEY-----\n")]
    public void Text_that_is_not_pem_is_an_identity_error(string text)
    {
        var error = Assert.Throws<ChainError>(() => Pem.Decode(text, Pem.PrivateKeyLabel));

        Assert.Equal(ErrorCodes.IdentityInvalid, error.Code);
    }
}
