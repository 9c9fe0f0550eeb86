using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Org.BouncyCastle.Asn1.X509;

namespace Chainweave.Core.Identity;

/// <summary>
/// A folder holding one identity as cert.pem (PEM CERTIFICATE) and key.pem (PEM PRIVATE KEY, PKCS#8),
/// e.g. DIR/orgs/org1/users/client1.
/// </summary>
public static class IdentityFolder
{
    public const string CertificateFileName = "cert.pem";
    public const string KeyFileName = "key.pem";

    public static void Write(string folder, IssuedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Directory.CreateDirectory(folder);
        KeyFiles.WriteCertificates(Path.Combine(folder, CertificateFileName), identity.CertificateDer);
        KeyFiles.WritePrivateKey(Path.Combine(folder, KeyFileName), identity.PrivateKeyPkcs8);
    }

    /// <exception cref="ChainError">IDENTITY_INVALID when a file is missing, is not PEM, or the key is not of this suite.</exception>
    public static LoadedIdentity Load(string folder, ICryptoSuite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var certificateDer = ReadPem(folder, CertificateFileName, PemBlocks.Certificate);
        var keyDer = ReadPem(folder, KeyFileName, PemBlocks.PrivateKey);
        if (!CertificateParsing.TryParse(certificateDer, out var certificate))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"{Path.Combine(folder, CertificateFileName)} does not hold an X.509 certificate.");
        }

        var org = CertificateParsing.FirstValue(certificate.SubjectDN, X509Name.O) ?? string.Empty;
        var signer = suite.ImportPrivateKey(keyDer);
        return new LoadedIdentity(org, certificateDer, signer);
    }

    private static byte[] ReadPem(string folder, string fileName, string label)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"No identity at {folder}: {fileName} is missing. Run `chainweave init` or pick another --identity.");
        }

        var der = PemBlocks.DecodeFirst(File.ReadAllText(path), label);
        return der ?? throw new ChainError(ErrorCodes.IdentityInvalid, $"{path} has no PEM '{label}' block.");
    }
}
