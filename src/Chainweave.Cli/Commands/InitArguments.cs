using System.CommandLine;
using Chainweave.Core.Genesis;

namespace Chainweave.Cli.Commands;

/// <summary>The options of `init`, shared by `up` (which initialises an empty folder first).</summary>
internal sealed class InitArguments
{
    public Option<string> Dir { get; } = new("--dir")
    {
        Description = "The network folder to create",
        DefaultValueFactory = _ => NetworkLayout.DefaultDir,
        HelpName = "DIR",
    };

    public Option<int> Orgs { get; } = new("--orgs")
    {
        Description = "Number of organisations (org1..orgN)",
        DefaultValueFactory = _ => 4,
        HelpName = "N",
    };

    public Option<int> Nodes { get; } = new("--nodes")
    {
        Description = "Number of nodes (node1..nodeN)",
        DefaultValueFactory = _ => 4,
        HelpName = "N",
    };

    public Option<string> Consensus { get; } = new("--consensus")
    {
        Description = "Consensus engine: tbft (Byzantine fault tolerant), raft (crash fault tolerant) or solo (one node)",
        DefaultValueFactory = _ => "tbft",
    };

    public Option<string> Crypto { get; } = new("--crypto")
    {
        Description = "Crypto suite: nist (ECDSA P-256, SHA-256) or sm (SM2, SM3, SM4)",
        DefaultValueFactory = _ => "nist",
    };

    public Option<int> BasePort { get; } = new("--base-port")
    {
        Description = "gRPC port of node1; node i listens on base+10*(i-1) (gRPC), +1 (HTTP), +2 (peers)",
        DefaultValueFactory = _ => InitOptions.DefaultBasePort,
        HelpName = "P",
    };

    public Option<string> ChainId { get; } = new("--chain-id")
    {
        Description = "The chain id",
        DefaultValueFactory = _ => InitOptions.DefaultChainId,
        HelpName = "ID",
    };

    public static InitArguments AddTo(Command command)
    {
        var arguments = new InitArguments();
        command.Add(arguments.Dir);
        command.Add(arguments.Orgs);
        command.Add(arguments.Nodes);
        command.Add(arguments.Consensus);
        command.Add(arguments.Crypto);
        command.Add(arguments.BasePort);
        command.Add(arguments.ChainId);
        arguments.Crypto.AcceptOnlyFromAmong("nist", "sm");
        arguments.Consensus.AcceptOnlyFromAmong("solo", "tbft", "raft");
        return arguments;
    }

    public InitOptions Read(ParseResult result, TimeProvider clock) => new()
    {
        Dir = result.GetValue(Dir) ?? NetworkLayout.DefaultDir,
        Orgs = result.GetValue(Orgs),
        Nodes = result.GetValue(Nodes),
        Consensus = result.GetValue(Consensus) ?? "solo",
        Crypto = result.GetValue(Crypto) ?? "nist",
        BasePort = result.GetValue(BasePort),
        ChainId = result.GetValue(ChainId) ?? InitOptions.DefaultChainId,
        Now = clock.GetUtcNow(),
    };

    /// <summary>Whether the user gave any option that only matters when creating a network.</summary>
    public bool AnyCreationOptionGiven(ParseResult result) =>
        Given(result, Orgs) || Given(result, Nodes) || Given(result, Consensus) || Given(result, Crypto)
        || Given(result, BasePort) || Given(result, ChainId);

    private static bool Given(ParseResult result, Option option) =>
        result.GetResult(option) is { Implicit: false };
}
