using System.Security.Cryptography;
using Chainweave.Core.Crypto;

namespace Chainweave.Core.Identity;

/// <summary>
/// Non-throwing PEM reading for identity code, on top of <see cref="Pem"/>: files such as tls-ca.crt and
/// config entries may hold several certificates, and bad input is reported by the caller in its own words.
/// </summary>
internal static class PemBlocks
{
    public const string Certificate = Pem.CertificateLabel;
    public const string PrivateKey = Pem.PrivateKeyLabel;

    public static string Encode(string label, byte[] der) => Pem.Encode(label, der);

    /// <summary>Every block with this label, in order (others are skipped); null when a block's base64 is bad.</summary>
    public static List<byte[]>? DecodeAll(string text, string label)
    {
        var blocks = new List<byte[]>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual(label))
            {
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written) || written != der.Length)
                {
                    return null;
                }

                blocks.Add(der);
            }

            rest = rest[fields.Location.End..];
        }

        return blocks;
    }

    /// <summary>The first block with this label, or null.</summary>
    public static byte[]? DecodeFirst(string text, string label)
    {
        var blocks = DecodeAll(text, label);
        return blocks is { Count: > 0 } ? blocks[0] : null;
    }
}
