using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Tests.Crypto;

public class CryptoSuitesTests
{
    [Theory]
    [InlineData("nist", 32)]
    [InlineData("sm", 16)]
    public void Known_names_give_their_suite(string name, int aeadKeySize)
    {
        var suite = CryptoSuites.Get(name);

        Assert.Equal(name, suite.Name);
        Assert.Equal(32, suite.HashSize);
        Assert.Equal(aeadKeySize, suite.AeadKeySize);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NIST")]
    [InlineData("rsa")]
    public void Unknown_name_is_a_config_error_listing_the_valid_values(string name)
    {
        var error = Assert.Throws<ChainError>(() => CryptoSuites.Get(name));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("\"nist\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"sm\"", error.Message, StringComparison.Ordinal);
    }
}
