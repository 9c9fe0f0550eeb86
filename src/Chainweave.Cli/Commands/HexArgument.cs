using Chainweave.Core.Errors;

namespace Chainweave.Cli.Commands;

/// <summary>Hex values typed on the command line: tx ids, content hashes.</summary>
internal static class HexArgument
{
    public static byte[] Parse(string text, string what)
    {
        var hex = Normalize(text);
        if (!IsHex(hex))
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid, $"{what} `{text}` is not hex: expected an even number of 0-9a-f digits, such as a txId printed by `evidence put`");
        }

        return Convert.FromHexString(hex);
    }

    /// <summary>Lower-case hex without a 0x prefix.</summary>
    public static string Normalize(string text)
    {
        var hex = text.Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        return hex.ToLowerInvariant();
    }

    public static bool IsHex(string hex)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
