using System.CommandLine;
using Chainweave.Cli.Output;

namespace Chainweave.Cli.Commands;

/// <summary>`tx get TXID`.</summary>
internal static class TxCommand
{
    public static Command Create(CliConsole console)
    {
        var txId = new Argument<string>("TXID") { Description = "The transaction id (hex)" };
        var get = new Command("get", "Show a committed transaction: status, block, call, result and inclusion proof") { txId };
        var options = ClientOptions.AddTo(get);
        get.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            var id = HexArgument.Parse(result.GetValue(txId) ?? "", "transaction id");
            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var info = await session.Client.GetTxAsync(id, ct).ConfigureAwait(false);
            TxView.Write(console, info, settings.Json);
            return 0;
        });

        return new Command("tx", "Read transactions") { get };
    }
}
