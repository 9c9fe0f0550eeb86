using System.CommandLine;
using Chainweave.Cli.Output;

namespace Chainweave.Cli.Commands;

/// <summary>`chain info`: chain id, height, consensus and crypto of the chain, its validators, and every node of the network folder up or down.</summary>
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
            var nodes = await NodeStatusProbe.ProbeAsync(session.Network, ct).ConfigureAwait(false);
            ChainInfoView.Write(console, session.Info, session.Client.Address, nodes, settings.Json);
            return 0;
        });

        return new Command("chain", "Chain-wide information") { info };
    }
}
