namespace Chainweave.Core.Genesis;

/// <summary>A node in network.json; <see cref="Home"/> is relative to the network folder.</summary>
public sealed record NodeEntry(string Name, string Org, string Home, string Grpc, string Http, string P2p);
