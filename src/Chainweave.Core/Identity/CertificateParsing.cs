using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Chainweave.Core.Identity;

/// <summary>Never-throwing wrappers over BouncyCastle's X.509 parsing, for input from the network.</summary>
internal static class CertificateParsing
{
    /// <summary>
    /// Parses exactly one certificate in canonical DER with nothing after it. BouncyCastle checks the
    /// signature over a DER re-encoding of the TBS part, so a BER variant (say, a BOOLEAN of 0x34 instead
    /// of 0xFF) would verify too; it would have another hash and so slip past revocation by hash.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> der, out X509Certificate certificate)
    {
        certificate = null!;
        if (der.IsEmpty || der[0] != 0x30)
        {
            return false;
        }

        try
        {
            using var stream = new Asn1InputStream(der.ToArray());
            var asn1 = stream.ReadObject();
            if (asn1 is null || stream.ReadObject() is not null)
            {
                return false;
            }

            var parsed = new X509Certificate(X509CertificateStructure.GetInstance(asn1));
            if (!der.SequenceEqual(parsed.GetEncoded()))
            {
                return false;
            }

            certificate = parsed;
            return true;
        }
#pragma warning disable CA1031 // BouncyCastle throws many unrelated exception types on malformed input.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    public static bool IsSignedBy(X509Certificate certificate, AsymmetricKeyParameter issuerKey)
    {
        try
        {
            return certificate.IsSignatureValid(issuerKey);
        }
#pragma warning disable CA1031 // an unsupported or mismatched algorithm just means "not signed by this key".
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    public static string? FirstValue(X509Name name, DerObjectIdentifier attribute)
    {
        var values = name.GetValueList(attribute);
        return values.Count == 0 ? null : values[0];
    }

    public static long ToUnixMilliseconds(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
