using System.Security.Cryptography.X509Certificates;
using Chainweave.Core.Crypto;
using Chainweave.Core.Identity;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Chainweave.Core.Tests.Identity;

public class CertificateIssuerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("nist", "1.2.840.10045.4.3.2")]
    [InlineData("sm", "1.2.156.10197.1.501")]
    public void Root_ca_is_a_self_signed_ten_year_ca_in_the_suite_algorithm(string suiteName, string signatureOid)
    {
        var ca = new CertificateIssuer(suiteName, Now).CreateRootCa("org1");
        var certificate = new X509Certificate(ca.CertificateDer);

        Assert.Equal("org1", ca.Org);
        Assert.Equal("ca.org1", Attribute(certificate, X509Name.CN));
        Assert.Equal("org1", Attribute(certificate, X509Name.O));
        Assert.Equal(signatureOid, certificate.SigAlgOid);
        Assert.True(certificate.GetBasicConstraints() >= 0);
        var keyUsage = certificate.GetKeyUsage();
        Assert.True(keyUsage[5] && keyUsage[6], "keyCertSign and cRLSign");
        Assert.True(certificate.IsSignatureValid(certificate.GetPublicKey()));
        Assert.Equal(Now.UtcDateTime, certificate.NotBefore);
        Assert.Equal(Now.AddYears(10).UtcDateTime, certificate.NotAfter);
    }

    [Theory]
    [InlineData("nist", MemberRole.Admin, "admin")]
    [InlineData("nist", MemberRole.Client, "client")]
    [InlineData("sm", MemberRole.Consensus, "consensus")]
    [InlineData("sm", MemberRole.Common, "common")]
    public void Member_certificate_names_role_org_and_user_and_verifies_against_its_ca(string suiteName, MemberRole role, string unit)
    {
        var issuer = new CertificateIssuer(suiteName, Now);
        var ca = issuer.CreateRootCa("org1");

        var identity = issuer.Issue(ca, "alice", "org1", role);
        var certificate = new X509Certificate(identity.CertificateDer);

        Assert.Equal("alice.org1", Attribute(certificate, X509Name.CN));
        Assert.Equal("org1", Attribute(certificate, X509Name.O));
        Assert.Equal(unit, Attribute(certificate, X509Name.OU));
        Assert.Equal(-1, certificate.GetBasicConstraints());
        Assert.True(certificate.GetKeyUsage()[0], "digitalSignature");
        Assert.True(certificate.IsSignatureValid(new X509Certificate(ca.CertificateDer).GetPublicKey()));
        Assert.Equal(Now.Add(CertificateIssuer.DefaultLeafValidity).UtcDateTime, certificate.NotAfter);
    }

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void Issued_keys_import_into_the_suite_and_sign_for_the_certified_public_key(string suiteName)
    {
        var issuer = new CertificateIssuer(suiteName, Now);
        var identity = issuer.Issue(issuer.CreateRootCa("org1"), "alice", "org1", MemberRole.Client);
        var suite = CryptoSuites.Get(suiteName);
        var certifiedSpki = new X509Certificate(identity.CertificateDer).CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();

        using var signer = suite.ImportPrivateKey(identity.PrivateKeyPkcs8);
        var signature = signer.Sign("hello"u8);

        Assert.Equal(certifiedSpki, identity.PublicKeySpki);
        Assert.Equal(SignatureCheck.Valid, suite.ImportPublicKey(certifiedSpki).Verify("hello"u8, signature));
    }

    [Fact]
    public void Sm2_keys_name_the_sm2_curve_in_pkcs8_and_spki()
    {
        var issuer = new CertificateIssuer("sm", Now);
        var identity = issuer.Issue(issuer.CreateRootCa("org1"), "alice", "org1", MemberRole.Client);
        var sm2CurveOidDer = Convert.FromHexString("06082A811CCF5501822D"); // OID 1.2.156.10197.1.301

        Assert.True(identity.PublicKeySpki.AsSpan().IndexOf(sm2CurveOidDer) >= 0);
        Assert.True(identity.PrivateKeyPkcs8.AsSpan().IndexOf(sm2CurveOidDer) >= 0);
    }

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void Tls_certificate_is_p256_for_localhost_and_loads_in_dotnet_with_its_key(string suiteName)
    {
        var issuer = new CertificateIssuer(suiteName, Now);
        var tlsCa = issuer.RootCaSignsTls ? issuer.CreateRootCa("org1") : issuer.CreateTlsCa("org1");

        var tls = issuer.IssueTls(tlsCa, "node1", "org1");
        using var certificate = X509Certificate2.CreateFromPem(
            Pem.Encode(Pem.CertificateLabel, tls.CertificateDer), Pem.Encode(Pem.PrivateKeyLabel, tls.PrivateKeyPkcs8));
        using var caCertificate = X509CertificateLoader.LoadCertificate(tlsCa.CertificateDer);

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("1.2.840.10045.4.3.2", certificate.SignatureAlgorithm.Value);
        Assert.NotNull(certificate.GetECDsaPrivateKey());
        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.True(certificate.MatchesHostname("127.0.0.1"));
        var usages = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages;
        Assert.NotNull(usages["1.3.6.1.5.5.7.3.1"]);
        Assert.NotNull(usages["1.3.6.1.5.5.7.3.2"]);
        Assert.True(ChainsTo(certificate, caCertificate));
    }

    [Fact]
    public void Sm_tls_ca_is_a_separate_p256_root()
    {
        var issuer = new CertificateIssuer("sm", Now);

        var tlsCa = issuer.CreateTlsCa("org1");

        Assert.False(issuer.RootCaSignsTls);
        Assert.True(tlsCa.IsP256);
        Assert.False(issuer.CreateRootCa("org1").IsP256);
        Assert.Equal("tlsca.org1", Attribute(new X509Certificate(tlsCa.CertificateDer), X509Name.CN));
    }

    [Fact]
    public void Tls_certificates_refuse_an_sm2_ca()
    {
        var issuer = new CertificateIssuer("sm", Now);

        Assert.Throws<ArgumentException>(() => issuer.IssueTls(issuer.CreateRootCa("org1"), "node1", "org1"));
    }

    [Fact]
    public void A_ca_loaded_from_its_files_issues_certificates_that_verify_against_it()
    {
        var issuer = new CertificateIssuer("sm", Now);
        var original = issuer.CreateRootCa("org1");

        var loaded = new IssuedCa(original.CertificateDer, original.PrivateKeyPkcs8);
        var identity = issuer.Issue(loaded, "bob", "org1", MemberRole.Client);

        Assert.Equal("org1", loaded.Org);
        Assert.True(new X509Certificate(identity.CertificateDer).IsSignatureValid(new X509Certificate(original.CertificateDer).GetPublicKey()));
    }

    [Fact]
    public void Loading_a_ca_from_garbage_is_an_identity_error()
    {
        var error = Assert.Throws<Errors.ChainError>(() => new IssuedCa([1, 2, 3], [4, 5, 6]));

        Assert.Equal(Errors.ErrorCodes.IdentityInvalid, error.Code);
    }

    [Fact]
    public void Unknown_suite_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CertificateIssuer("rsa", Now));
    }

    [Theory]
    [InlineData(MemberRole.Admin)]
    [InlineData(MemberRole.Client)]
    [InlineData(MemberRole.Consensus)]
    [InlineData(MemberRole.Common)]
    public void Roles_round_trip_through_their_ou_text(MemberRole role)
    {
        Assert.True(MemberRoles.TryParse(MemberRoles.Format(role), out var parsed));
        Assert.True(MemberRoles.TryParse(MemberRoles.Format(role).ToUpperInvariant(), out var upper));
        Assert.Equal(role, parsed);
        Assert.Equal(role, upper);
        Assert.False(MemberRoles.TryParse("root", out _));
        Assert.False(MemberRoles.TryParse(null, out _));
    }

    private static string? Attribute(X509Certificate certificate, Org.BouncyCastle.Asn1.DerObjectIdentifier oid)
    {
        var values = certificate.SubjectDN.GetValueList(oid);
        return Assert.Single(values);
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime.AddDays(1);
        return chain.Build(certificate);
    }
}
