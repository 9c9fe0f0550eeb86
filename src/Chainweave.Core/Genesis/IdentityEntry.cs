namespace Chainweave.Core.Genesis;

/// <summary>
/// An identity in network.json: <see cref="Name"/> is what `--identity` takes (e.g. "client1.org1"),
/// <see cref="Role"/> the OU ("admin", "client"), <see cref="Path"/> the identity folder relative to the network folder.
/// </summary>
public sealed record IdentityEntry(string Name, string Org, string Role, string Path);
