using System.CommandLine;
using Chainweave.Core.Genesis;

namespace Chainweave.Cli.Commands;

/// <summary>The options every command that talks to a running node takes.</summary>
internal sealed class ClientOptions
{
    public Option<string> Network { get; } = new("--network")
    {
        Description = "The network folder (network.json, identities)",
        DefaultValueFactory = _ => NetworkLayout.DefaultDir,
        HelpName = "DIR",
    };

    public Option<string?> Node { get; } = new("--node")
    {
        Description = "The node to talk to (default: the first in network.json; others are tried if it is down)",
        HelpName = "NAME",
    };

    public Option<string> Identity { get; } = new("--identity")
    {
        Description = "The identity that signs transactions, as user.org",
        DefaultValueFactory = _ => NetworkLayout.DefaultIdentity,
        HelpName = "NAME",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON",
    };

    public static ClientOptions AddTo(Command command)
    {
        var options = new ClientOptions();
        command.Add(options.Network);
        command.Add(options.Node);
        command.Add(options.Identity);
        command.Add(options.Json);
        return options;
    }

    public ClientSettings Read(ParseResult result) => new(
        result.GetValue(Network) ?? NetworkLayout.DefaultDir,
        result.GetValue(Node),
        result.GetValue(Identity) ?? NetworkLayout.DefaultIdentity,
        result.GetValue(Json));
}

internal sealed record ClientSettings(string Network, string? Node, string Identity, bool Json);
