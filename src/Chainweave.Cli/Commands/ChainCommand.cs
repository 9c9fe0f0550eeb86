using System.CommandLine;
using Chainweave.Cli.Output;

namespace Chainweave.Cli.Commands;

/// <summary>`chain info`: chain id, height, consensus and crypto of the chain a node serves.</summary>
internal static class ChainCommand
{
    public static Command Create(CliConsole console)
    {
        var info = new Command("info", "Show the chain: id, height, consensus, crypto, the node answering");
        var options = ClientOptions.AddTo(info);
        info.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            ChainInfoView.Write(console, session.Info, session.Client.Address, settings.Json);
            return 0;
        });

        return new Command("chain", "Chain-wide information") { info };
    }
}
