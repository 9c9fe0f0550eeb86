using System.Text;

namespace Chainweave.Cli.Output;

/// <summary>Shows contract values readably: printable UTF-8 as text, anything else as hex.</summary>
internal static class TextOrHex
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        text = "";
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    public static string Show(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 0 ? "(empty)" : TryUtf8(bytes, out var text) ? text : "0x" + Convert.ToHexStringLower(bytes);
}
