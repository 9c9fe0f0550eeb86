using System.CommandLine;
using System.Globalization;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;

namespace Chainweave.Cli.Commands;

/// <summary>`block get HEIGHT|latest`.</summary>
internal static class BlockCommand
{
    public static Command Create(CliConsole console)
    {
        var which = new Argument<string>("HEIGHT") { Description = "A block height, or `latest`" };
        var get = new Command("get", "Show a block: header, commit certificate and its transactions' results") { which };
        var options = ClientOptions.AddTo(get);
        get.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            var height = ParseHeight(result.GetValue(which) ?? "latest");
            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var block = await session.Client.GetBlockAsync(height, ct).ConfigureAwait(false);
            BlockView.Write(console, block, settings.Json);
            return 0;
        });

        return new Command("block", "Read blocks") { get };
    }

    /// <summary>Null means the latest block.</summary>
    public static ulong? ParseHeight(string text)
    {
        if (string.Equals(text, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            return height;
        }

        throw new ChainError(CliErrorCodes.ArgumentInvalid, $"`{text}` is not a block height: give a number such as 0 or 12, or `latest`");
    }
}
