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
}
