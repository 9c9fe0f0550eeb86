using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>
/// `--arg KEY=VALUE` as contract call arguments, in the order given. VALUE is UTF-8 text, except
/// `@FILE` (the file's bytes), `0xHEX` (those bytes) and `text:VALUE` (VALUE as text, for text that
/// starts with @ or 0x).
/// </summary>
internal static class ContractCommandArgs
{
    public const string TextPrefix = "text:";

    public const string HelpText =
        "A call argument, repeatable, kept in order: KEY=TEXT (UTF-8), KEY=@FILE (the file's bytes), KEY=0xHEX (bytes), KEY=text:VALUE (VALUE as text even when it starts with @ or 0x)";

    /// <param name="baseDir">Where relative @FILE paths start (the current directory for the CLI).</param>
    public static IReadOnlyList<Arg> Parse(IReadOnlyList<string>? specs, string baseDir)
    {
        var args = new List<Arg>(specs?.Count ?? 0);
        foreach (var spec in specs ?? [])
        {
            args.Add(ParseOne(spec, baseDir));
        }

        return args;
    }

    public static Arg ParseOne(string spec, string baseDir)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid,
                $"--arg `{spec}` is not KEY=VALUE: give a key, '=', then the value, e.g. --arg key=greeting");
        }

        var key = spec[..equals];
        var value = spec[(equals + 1)..];
        if (value.StartsWith(TextPrefix, StringComparison.Ordinal))
        {
            return TxArgs.Utf8(key, value[TextPrefix.Length..]);
        }

        if (value.StartsWith('@'))
        {
            return TxArgs.Bytes(key, ReadFile(key, value[1..], baseDir));
        }

        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return TxArgs.Bytes(key, Hex(key, value));
        }

        return TxArgs.Utf8(key, value);
    }

    private static byte[] Hex(string key, string value)
    {
        var digits = value[2..];
        if (digits.Length == 0)
        {
            return [];
        }

        if (!HexArgument.IsHex(digits))
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid,
                $"--arg {key}: `{value}` is not hex (an even number of 0-9a-f digits after 0x); to pass it as text write {key}=text:{value}");
        }

        return Convert.FromHexString(digits);
    }

    private static byte[] ReadFile(string key, string path, string baseDir)
    {
        if (path.Length == 0)
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid, $"--arg {key}=@ names no file: write {key}=@FILE, or {key}=text:@ for the text \"@\"");
        }

        var full = Path.GetFullPath(path, baseDir);
        try
        {
            return File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid, $"--arg {key}=@{path}: cannot read {full} ({e.Message}); for text starting with @ write {key}=text:@{path}", e);
        }
    }
}
