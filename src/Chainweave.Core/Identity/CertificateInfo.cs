using Org.BouncyCastle.Asn1.X509;

namespace Chainweave.Core.Identity;

/// <summary>Facts read from a certificate without checking it against any trust root.</summary>
public static class CertificateInfo
{
    /// <summary>The subject's organisation (O), or null when the bytes are not a canonical DER certificate or name none.</summary>
    public static string? OrganisationOf(ReadOnlySpan<byte> der) =>
        CertificateParsing.TryParse(der, out var certificate)
            ? CertificateParsing.FirstValue(certificate.SubjectDN, X509Name.O)
            : null;

    /// <summary>The subject's common name (CN), or null as for <see cref="OrganisationOf"/>.</summary>
    public static string? CommonNameOf(ReadOnlySpan<byte> der) =>
        CertificateParsing.TryParse(der, out var certificate)
            ? CertificateParsing.FirstValue(certificate.SubjectDN, X509Name.CN)
            : null;

    /// <summary>The certified key as DER SubjectPublicKeyInfo (what a suite imports), or null when not a canonical DER certificate.</summary>
    public static byte[]? PublicKeyInfoOf(ReadOnlySpan<byte> der) =>
        CertificateParsing.TryParse(der, out var certificate)
            ? certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded()
            : null;
}
