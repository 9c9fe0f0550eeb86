using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Identity;
using CsCheck;
using Google.Protobuf;

namespace Chainweave.Core.Tests.Identity;

public class MemberResolverTests
{
    private readonly ResolverFixture nist = new("nist");

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void Accepts_a_valid_client_certificate(string suiteName)
    {
        var fixture = new ResolverFixture(suiteName);
        var client = fixture.Client1();

        var resolution = fixture.Resolver.Resolve(ResolverFixture.CertMember("org1", client.CertificateDer), ResolverFixture.NowMs + 1000);

        Assert.True(resolution.IsResolved, resolution.ToString());
        var member = resolution.Member;
        Assert.Equal("org1", member.OrgId);
        Assert.Equal(MemberRole.Client, member.Role);
        Assert.Equal("client1.org1", member.CommonName);
        Assert.Equal(fixture.Suite.Hash(client.CertificateDer), member.CertHash.ToArray());
        Assert.Equal(client.CertificateDer, member.CertificateDer.ToArray());
        Assert.Equal(client.PublicKeySpki, member.PublicKey.SubjectPublicKeyInfo);
        Assert.Equal(ResolverFixture.NowMs, member.NotBeforeMs);
        Assert.Equal(ResolverFixture.Now.Add(CertificateIssuer.DefaultLeafValidity).ToUnixTimeMilliseconds(), member.NotAfterMs);
        using var signer = fixture.Suite.ImportPrivateKey(client.PrivateKeyPkcs8);
        Assert.Equal(SignatureCheck.Valid, member.PublicKey.Verify("payload"u8, signer.Sign("payload"u8)));
    }

    [Fact]
    public void Accepts_a_registered_certificate_hash()
    {
        var admin = nist.Issuer.Issue(nist.Ca2, "admin1", "org2", MemberRole.Admin);
        var hash = nist.Suite.Hash(admin.CertificateDer);
        nist.Registry.Register(hash, admin.CertificateDer);

        var resolution = nist.Resolver.Resolve(ResolverFixture.HashMember("org2", hash), ResolverFixture.NowMs);

        Assert.True(resolution.IsResolved, resolution.ToString());
        Assert.Equal(MemberRole.Admin, resolution.Member.Role);
        Assert.Equal("org2", resolution.Member.OrgId);
        Assert.Equal(admin.CertificateDer, resolution.Member.CertificateDer.ToArray());
    }

    [Fact]
    public void A_certificate_of_one_org_claimed_for_another_is_invalid()
    {
        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember("org2", nist.Client1().CertificateDer), ResolverFixture.NowMs);

        AssertFails(resolution, ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void A_member_of_an_organisation_outside_the_chain_is_unknown()
    {
        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember("org9", nist.Client1().CertificateDer), ResolverFixture.NowMs);

        AssertFails(resolution, ErrorCodes.UnknownMember);
    }

    [Fact]
    public void A_certificate_naming_org1_but_issued_by_org2s_ca_is_unknown()
    {
        var forged = nist.Issuer.Issue(nist.Ca2, "mallory", "org1", MemberRole.Admin);

        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember("org1", forged.CertificateDer), ResolverFixture.NowMs);

        AssertFails(resolution, ErrorCodes.UnknownMember);
    }

    [Theory]
    [InlineData("org1")]
    [InlineData("org9")]
    public void A_certificate_from_a_strangers_self_signed_ca_is_unknown(string org)
    {
        var strangerCa = nist.Issuer.CreateRootCa(org);
        var stranger = nist.Issuer.Issue(strangerCa, "mallory", org, MemberRole.Admin);

        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember(org, stranger.CertificateDer), ResolverFixture.NowMs);

        AssertFails(resolution, ErrorCodes.UnknownMember);
    }

    [Fact]
    public void A_ca_certificate_itself_is_not_a_member()
    {
        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember("org1", nist.Ca1.CertificateDer), ResolverFixture.NowMs);

        AssertFails(resolution, ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        var pastIssuer = new CertificateIssuer("nist", ResolverFixture.Now.AddYears(-3));
        var expired = pastIssuer.Issue(nist.Ca1, "old", "org1", MemberRole.Client, TimeSpan.FromDays(365));

        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember("org1", expired.CertificateDer), ResolverFixture.NowMs);

        AssertFails(resolution, ErrorCodes.MemberExpired);
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_refused_as_expired()
    {
        var client = nist.Client1();

        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember("org1", client.CertificateDer), ResolverFixture.NowMs - 1);

        AssertFails(resolution, ErrorCodes.MemberExpired);
    }

    [Fact]
    public void A_revoked_certificate_is_refused_even_when_cached()
    {
        var client = nist.Client1();
        var member = ResolverFixture.CertMember("org1", client.CertificateDer);
        Assert.True(nist.Resolver.Resolve(member, ResolverFixture.NowMs).IsResolved);

        nist.Registry.Revoke(nist.Suite.Hash(client.CertificateDer));

        AssertFails(nist.Resolver.Resolve(member, ResolverFixture.NowMs), ErrorCodes.MemberRevoked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("3003020101")]
    [InlineData("308201")]
    public void Garbage_certificates_are_invalid(string hex)
    {
        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember("org1", Convert.FromHexString(hex)), ResolverFixture.NowMs);

        AssertFails(resolution, ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void A_valid_certificate_followed_by_extra_bytes_is_invalid()
    {
        byte[] padded = [.. nist.Client1().CertificateDer, 0];

        AssertFails(nist.Resolver.Resolve(ResolverFixture.CertMember("org1", padded), ResolverFixture.NowMs), ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void A_ber_variant_of_a_valid_certificate_is_invalid_so_it_cannot_dodge_revocation_by_hash()
    {
        var der = nist.Client1().CertificateDer;
        var booleanTrue = der.AsSpan().IndexOf(new byte[] { 0x01, 0x01, 0xFF });
        Assert.True(booleanTrue > 0, "the certificate has a critical extension");
        var variant = (byte[])der.Clone();
        variant[booleanTrue + 2] = 0x01; // still TRUE in BER, but not DER

        AssertFails(nist.Resolver.Resolve(ResolverFixture.CertMember("org1", variant), ResolverFixture.NowMs), ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void Random_bytes_never_throw_and_are_always_invalid()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
            nist.Resolver.Resolve(ResolverFixture.CertMember("org1", bytes), ResolverFixture.NowMs).ErrorCode == ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void A_certificate_with_any_byte_changed_never_resolves()
    {
        var der = nist.Client1().CertificateDer;

        Gen.Int[0, der.Length - 1].Select(Gen.Byte[1, 255]).Sample((position, flip) =>
        {
            var tampered = (byte[])der.Clone();
            tampered[position] ^= flip;
            return !nist.Resolver.Resolve(ResolverFixture.CertMember("org1", tampered), ResolverFixture.NowMs).IsResolved;
        }, iter: 60);
    }

    [Fact]
    public void An_unregistered_hash_is_unknown_and_a_hash_of_the_wrong_length_is_invalid()
    {
        var hash = nist.Suite.Hash(nist.Client1().CertificateDer);

        AssertFails(nist.Resolver.Resolve(ResolverFixture.HashMember("org1", hash), ResolverFixture.NowMs), ErrorCodes.UnknownMember);
        AssertFails(nist.Resolver.Resolve(ResolverFixture.HashMember("org1", hash[..31]), ResolverFixture.NowMs), ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void A_registered_hash_whose_certificate_does_not_hash_to_it_is_unknown()
    {
        var hash = new byte[32];
        nist.Registry.Register(hash, nist.Client1().CertificateDer);

        AssertFails(nist.Resolver.Resolve(ResolverFixture.HashMember("org1", hash), ResolverFixture.NowMs), ErrorCodes.UnknownMember);
    }

    [Fact]
    public void Public_key_members_are_refused_in_cert_mode()
    {
        var member = new Member { OrgId = "org1", Type = MemberType.PublicKey, Info = ByteString.CopyFrom(nist.Client1().PublicKeySpki) };

        AssertFails(nist.Resolver.Resolve(member, ResolverFixture.NowMs), ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void Key_mode_accepts_public_keys_of_chain_organisations_and_refuses_certificates()
    {
        var fixture = new ResolverFixture("sm", identityMode: "key");
        var client = fixture.Client1();
        var keyMember = new Member { OrgId = "org1", Type = MemberType.PublicKey, Info = ByteString.CopyFrom(client.PublicKeySpki) };
        var strangerMember = new Member { OrgId = "org9", Type = MemberType.PublicKey, Info = ByteString.CopyFrom(client.PublicKeySpki) };

        var resolution = fixture.Resolver.Resolve(keyMember, ResolverFixture.NowMs);

        Assert.True(resolution.IsResolved, resolution.ToString());
        Assert.Equal(client.PublicKeySpki, resolution.Member.PublicKey.SubjectPublicKeyInfo);
        AssertFails(fixture.Resolver.Resolve(strangerMember, ResolverFixture.NowMs), ErrorCodes.UnknownMember);
        AssertFails(fixture.Resolver.Resolve(ResolverFixture.CertMember("org1", client.CertificateDer), ResolverFixture.NowMs), ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void Unknown_member_types_and_null_members_are_invalid()
    {
        var member = new Member { OrgId = "org1", Type = (MemberType)7, Info = ByteString.CopyFrom(1, 2) };

        AssertFails(nist.Resolver.Resolve(member, ResolverFixture.NowMs), ErrorCodes.MemberInvalid);
        AssertFails(nist.Resolver.Resolve(null!, ResolverFixture.NowMs), ErrorCodes.MemberInvalid);
    }

    [Fact]
    public void Second_resolution_comes_from_the_cache_with_the_same_result()
    {
        var member = ResolverFixture.CertMember("org1", nist.Client1().CertificateDer);
        var garbage = ResolverFixture.CertMember("org1", [0x30, 0x01, 0x00]);

        var first = nist.Resolver.Resolve(member, ResolverFixture.NowMs);
        var firstGarbage = nist.Resolver.Resolve(garbage, ResolverFixture.NowMs);
        var second = nist.Resolver.Resolve(member, ResolverFixture.NowMs);
        var secondGarbage = nist.Resolver.Resolve(garbage, ResolverFixture.NowMs);

        Assert.Same(first.Member, second.Member);
        Assert.Equal(first, second);
        Assert.Equal(firstGarbage, secondGarbage);
        Assert.Equal(2, nist.Resolver.CachedCount);
    }

    [Fact]
    public void Cached_certificates_still_have_their_validity_checked()
    {
        var member = ResolverFixture.CertMember("org1", nist.Client1().CertificateDer);
        Assert.True(nist.Resolver.Resolve(member, ResolverFixture.NowMs).IsResolved);

        var later = ResolverFixture.Now.AddYears(6).ToUnixTimeMilliseconds();

        AssertFails(nist.Resolver.Resolve(member, later), ErrorCodes.MemberExpired);
    }

    [Fact]
    public void Registered_hashes_are_looked_up_every_time()
    {
        var client = nist.Client1();
        var hash = nist.Suite.Hash(client.CertificateDer);
        nist.Registry.Register(hash, client.CertificateDer);

        nist.Resolver.Resolve(ResolverFixture.HashMember("org1", hash), ResolverFixture.NowMs);
        nist.Resolver.Resolve(ResolverFixture.HashMember("org1", hash), ResolverFixture.NowMs);

        Assert.Equal(2, nist.Registry.Lookups);
    }

    [Fact]
    public void The_cache_is_cleared_when_full_and_keeps_resolving()
    {
        var fixture = new ResolverFixture("nist", cacheCapacity: 2);
        var members = Enumerable.Range(1, 3)
            .Select(i => ResolverFixture.CertMember("org1", fixture.Issuer.Issue(fixture.Ca1, $"user{i}", "org1", MemberRole.Client).CertificateDer))
            .ToList();

        var resolved = members.ConvertAll(m => fixture.Resolver.Resolve(m, ResolverFixture.NowMs).IsResolved);

        Assert.All(resolved, Assert.True);
        Assert.Equal(1, fixture.Resolver.CachedCount);
    }

    [Fact]
    public void A_config_with_a_ca_that_is_not_pem_is_refused()
    {
        var config = nist.Config.Clone();
        config.Orgs[0].CaCertsPem[0] = "not a certificate";

        var error = Assert.Throws<ChainError>(() => new MemberResolver(config, nist.Suite, nist.Registry, nist.Registry));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
    }

    [Fact]
    public void Failures_convert_to_chain_errors_with_their_code()
    {
        var resolution = nist.Resolver.Resolve(ResolverFixture.CertMember("org1", [1]), ResolverFixture.NowMs);

        var error = resolution.ToError();

        Assert.Equal(ErrorCodes.MemberInvalid, error.Code);
        Assert.Equal(resolution.ErrorMessage, error.Message);
    }

    private static void AssertFails(MemberResolution resolution, string expectedCode)
    {
        Assert.False(resolution.IsResolved, "expected a failure but the member resolved");
        Assert.Equal(expectedCode, resolution.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(resolution.ErrorMessage));
    }
}
