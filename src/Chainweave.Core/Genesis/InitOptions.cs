namespace Chainweave.Core.Genesis;

/// <summary>What <see cref="NetworkInitializer.Create(InitOptions)"/> builds.</summary>
public sealed record InitOptions
{
    public const int DefaultBasePort = 12300;
    public const string DefaultChainId = "chain1";

    /// <summary>The network folder; created when missing.</summary>
    public required string Dir { get; init; }

    /// <summary>Number of organisations, org1..orgN; at least 1.</summary>
    public int Orgs { get; init; } = 1;

    /// <summary>Number of nodes, node1..nodeN; at least 1, exactly 1 for solo.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>"solo", "tbft" or "raft".</summary>
    public string Consensus { get; init; } = "solo";

    /// <summary>"nist" or "sm".</summary>
    public string Crypto { get; init; } = "nist";

    public int BasePort { get; init; } = DefaultBasePort;

    public string ChainId { get; init; } = DefaultChainId;

    /// <summary>Genesis time and start of every certificate's validity.</summary>
    public required DateTimeOffset Now { get; init; }
}
