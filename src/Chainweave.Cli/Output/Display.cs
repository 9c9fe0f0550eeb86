using System.Globalization;
using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Google.Protobuf;

namespace Chainweave.Cli.Output;

/// <summary>Small formatting rules shared by every command's output.</summary>
internal static class Display
{
    public static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    public static string Status(TxStatus status) => UpperSnake(status.ToString());

    public static string Status(SubmitStatus status) => UpperSnake(status.ToString());

    public static string MemberType(MemberType type) => UpperSnake(type.ToString());

    /// <summary>Shortens long values for a terminal line; --json always prints them whole.</summary>
    public static string Clip(string text, int max = 96) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"ContractError" → "CONTRACT_ERROR", matching the names in the .proto files.</summary>
    private static string UpperSnake(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(pascal[i]));
        }

        return text.ToString();
    }
}
