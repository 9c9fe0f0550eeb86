using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Chainweave.Core.Identity;

/// <summary>
/// Issues the certificates of a network: per-organisation root CAs, member certificates with the role in
/// the OU, and TLS certificates. Certificates start at <see cref="Now"/> (passed in, so tests can issue
/// certificates that are already expired). Chain-data certificates use the suite's curve; TLS certificates
/// are always ECDSA P-256 because .NET's TLS has no SM2 cipher suites.
/// </summary>
public sealed class CertificateIssuer
{
    public const int CaValidityYears = 10;

    public static readonly TimeSpan DefaultLeafValidity = TimeSpan.FromDays((365 * 5) + 1);

    private readonly SecureRandom random = new();
    private readonly DerObjectIdentifier suiteCurve;

    /// <param name="suiteName">"nist" (ECDSA P-256 with SHA-256) or "sm" (SM2 with SM3).</param>
    /// <param name="now">Start of every certificate's validity; truncated to whole seconds as X.509 stores it.</param>
    public CertificateIssuer(string suiteName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(suiteName);
        suiteCurve = CertificateKeys.CurveForSuite(suiteName);
        SuiteName = suiteName;
        Now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
    }

    public string SuiteName { get; }

    public DateTimeOffset Now { get; }

    /// <summary>True when the suite's root CA is P-256 and can also sign TLS certificates (nist).</summary>
    public bool RootCaSignsTls => CertificateKeys.P256.Equals(suiteCurve);

    /// <summary>A self-signed root CA in the chain suite: CN=ca.&lt;org&gt;, O=&lt;org&gt;, valid 10 years.</summary>
    public IssuedCa CreateRootCa(string org) => CreateCa("ca", org, suiteCurve);

    /// <summary>A self-signed P-256 root for TLS certificates: CN=tlsca.&lt;org&gt;. Needed on sm chains only.</summary>
    public IssuedCa CreateTlsCa(string org) => CreateCa("tlsca", org, CertificateKeys.P256);

    /// <summary>A member certificate with the default validity of five years.</summary>
    public IssuedIdentity Issue(IssuedCa ca, string name, string org, MemberRole role) =>
        Issue(ca, name, org, role, DefaultLeafValidity);

    /// <summary>A member certificate: CN=&lt;name&gt;.&lt;org&gt;, OU=role, O=org, key in the CA's algorithm.</summary>
    public IssuedIdentity Issue(IssuedCa ca, string name, string org, MemberRole role, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(org);
        var subject = SubjectName(org, MemberRoles.Format(role), $"{name}.{org}");
        var curve = CertificateKeys.CurveOf(ca.SigningKey)!;
        return IssueLeaf(ca, subject, curve, validity, tls: false);
    }

    /// <summary>A TLS certificate with the default validity of five years.</summary>
    public IssuedIdentity IssueTls(IssuedCa tlsCa, string name, string org) =>
        IssueTls(tlsCa, name, org, DefaultLeafValidity);

    /// <summary>
    /// A P-256 TLS certificate for a node: CN=&lt;name&gt;.&lt;org&gt;, O=org, SAN localhost and 127.0.0.1,
    /// usable as server and client. The CA must be P-256 (the nist root CA or <see cref="CreateTlsCa"/>).
    /// </summary>
    public IssuedIdentity IssueTls(IssuedCa tlsCa, string name, string org, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(tlsCa);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(org);
        if (!tlsCa.IsP256)
        {
            throw new ArgumentException("TLS certificates need a P-256 CA; use CreateTlsCa on sm chains.", nameof(tlsCa));
        }

        var subject = SubjectName(org, unit: null, $"{name}.{org}");
        return IssueLeaf(tlsCa, subject, CertificateKeys.P256, validity, tls: true);
    }

    private IssuedCa CreateCa(string prefix, string org, DerObjectIdentifier curve)
    {
        ArgumentException.ThrowIfNullOrEmpty(org);
        var keys = CertificateKeys.Generate(curve, random);
        var subject = SubjectName(org, unit: null, $"{prefix}.{org}");
        var generator = NewGenerator(subject, subject, keys.Public, Now.AddYears(CaValidityYears));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(keys.Public));
        var certificate = generator.Generate(SignerFor(keys.Private));
        return new IssuedCa(certificate, keys.Private, org);
    }

    private IssuedIdentity IssueLeaf(IssuedCa ca, X509Name subject, DerObjectIdentifier curve, TimeSpan validity, bool tls)
    {
        var keys = CertificateKeys.Generate(curve, random);
        var generator = NewGenerator(ca.Certificate.SubjectDN, subject, keys.Public, Now + validity);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(keys.Public));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(ca.Certificate));
        if (tls)
        {
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeID.id_kp_serverAuth, KeyPurposeID.id_kp_clientAuth));
            var names = new GeneralNames([new GeneralName(GeneralName.DnsName, "localhost"), new GeneralName(GeneralName.IPAddress, "127.0.0.1")]);
            generator.AddExtension(X509Extensions.SubjectAlternativeName, false, names);
        }

        var certificate = generator.Generate(SignerFor(ca.SigningKey));
        return new IssuedIdentity(certificate.GetEncoded(), CertificateKeys.ExportPkcs8(keys.Private), CertificateKeys.ExportSpki(keys.Public));
    }

    private X509V3CertificateGenerator NewGenerator(X509Name issuer, X509Name subject, AsymmetricKeyParameter publicKey, DateTimeOffset notAfter)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(NewSerialNumber());
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(Now.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetPublicKey(publicKey);
        return generator;
    }

    private Asn1SignatureFactory SignerFor(AsymmetricKeyParameter caKey) =>
        new(CertificateKeys.SignatureAlgorithmFor(caKey), caKey, random);

    private BigInteger NewSerialNumber()
    {
        // 127 random bits: positive, non-zero in practice, and under the 20-octet limit of RFC 5280.
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[0] = (byte)((bytes[0] & 0x7F) | 0x01);
        return new BigInteger(1, bytes);
    }

    private static X509Name SubjectName(string org, string? unit, string commonName)
    {
        var oids = new List<DerObjectIdentifier> { X509Name.O };
        var values = new List<string> { org };
        if (unit is not null)
        {
            oids.Add(X509Name.OU);
            values.Add(unit);
        }

        oids.Add(X509Name.CN);
        values.Add(commonName);
        return new X509Name(oids, values);
    }
}
