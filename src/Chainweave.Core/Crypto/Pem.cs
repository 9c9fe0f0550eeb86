using System.Security.Cryptography;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Crypto;

/// <summary>PEM armour (RFC 7468) for keys and certificates kept in files.</summary>
public static class Pem
{
    public const string PrivateKeyLabel = "PRIVATE KEY";
    public const string PublicKeyLabel = "PUBLIC KEY";
    public const string CertificateLabel = "CERTIFICATE";

    /// <summary>Base64 in 64-character lines between BEGIN and END lines, ending with a newline.</summary>
    public static string Encode(string label, byte[] der)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(der);
        return PemEncoding.WriteString(label, der) + "\n";
    }

    /// <summary>Decodes the first PEM block of <paramref name="text"/>; throws ChainError(IDENTITY_INVALID) when there is none or its label differs.</summary>
    public static byte[] Decode(string text, string expectedLabel)
    {
        ArgumentNullException.ThrowIfNull(expectedLabel);
        if (string.IsNullOrEmpty(text) || !PemEncoding.TryFind(text, out var fields))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The text is not PEM: expected a '-----BEGIN {expectedLabel}-----' block with base64 content.");
        }

        var label = text.AsSpan()[fields.Label];
        if (!label.SequenceEqual(expectedLabel))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"Expected a PEM '{expectedLabel}' block but found '{label}'.");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out int written) || written != der.Length)
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The PEM '{expectedLabel}' block has invalid base64 content.");
        }

        return der;
    }
}
