using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Sdk;

namespace Chainweave.Cli.Tests;

public sealed class ClientIdentityTests
{
    [Fact]
    public void Loads_org_from_the_certificate_subject_and_names_the_member_by_certificate()
    {
        using var dir = new TempDir();
        var suite = CryptoSuites.Get("nist");

        using var identity = ClientIdentity.Load(IdentityFixture.WriteClient(dir, "nist", org: "bank7"), suite);

        Assert.Equal("bank7", identity.OrgId);
        Assert.Equal(MemberType.Cert, identity.Member.Type);
        Assert.Equal("bank7", identity.Member.OrgId);
        Assert.Equal(identity.CertificateDer, identity.Member.Info.ToByteArray());
    }

    [Fact]
    public void UseCertHash_names_the_member_by_the_suite_hash_of_the_certificate()
    {
        using var dir = new TempDir();
        var suite = CryptoSuites.Get("sm");
        using var identity = ClientIdentity.Load(IdentityFixture.WriteClient(dir, "sm"), suite);

        var hashed = identity.UseCertHash();

        Assert.Equal(MemberType.CertHash, hashed.Member.Type);
        Assert.Equal(suite.Hash(identity.CertificateDer), hashed.Member.Info.ToByteArray());
        Assert.Same(identity.Signer, hashed.Signer);
    }

    [Fact]
    public void A_missing_folder_is_IDENTITY_INVALID_naming_the_folder()
    {
        using var dir = new TempDir();
        var missing = dir.Combine("nobody");

        var error = Assert.Throws<ChainError>(() => ClientIdentity.Load(missing, CryptoSuites.Get("nist")));

        Assert.Equal(ErrorCodes.IdentityInvalid, error.Code);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_garbled_certificate_is_IDENTITY_INVALID()
    {
        using var dir = new TempDir();
        var folder = IdentityFixture.WriteClient(dir, "nist");
        File.WriteAllText(Path.Combine(folder, "cert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        var error = Assert.Throws<ChainError>(() => ClientIdentity.Load(folder, CryptoSuites.Get("nist")));

        Assert.Equal(ErrorCodes.IdentityInvalid, error.Code);
    }

    [Fact]
    public void A_key_of_another_suite_is_IDENTITY_INVALID()
    {
        using var dir = new TempDir();
        var folder = IdentityFixture.WriteClient(dir, "sm");

        var error = Assert.Throws<ChainError>(() => ClientIdentity.Load(folder, CryptoSuites.Get("nist")));

        Assert.Equal(ErrorCodes.IdentityInvalid, error.Code);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }
}
