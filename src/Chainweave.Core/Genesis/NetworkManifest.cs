namespace Chainweave.Core.Genesis;

/// <summary>
/// DIR/network.json: what client commands read to find the chain, its nodes and the local identities.
/// </summary>
public sealed record NetworkManifest(
    string ChainId,
    string Crypto,
    string Consensus,
    IReadOnlyList<NodeEntry> Nodes,
    IReadOnlyList<IdentityEntry> Identities)
{
    /// <summary>Loads network.json from a file path or from the network folder holding it.</summary>
    /// <exception cref="Errors.ChainError">NETWORK_MISSING when absent, CONFIG_INVALID when malformed.</exception>
    public static NetworkManifest Load(string path) =>
        LayoutFiles.Load(path, NetworkLayout.NetworkFileName, LayoutJsonContext.Default.NetworkManifest);

    public void Save(string path) => LayoutFiles.Save(path, this, LayoutJsonContext.Default.NetworkManifest);

    /// <summary>The identity named like "client1.org1", or null.</summary>
    public IdentityEntry? FindIdentity(string name)
    {
        foreach (var identity in Identities)
        {
            if (string.Equals(identity.Name, name, StringComparison.Ordinal))
            {
                return identity;
            }
        }

        return null;
    }

    /// <summary>The node named like "node1", or null.</summary>
    public NodeEntry? FindNode(string name)
    {
        foreach (var node in Nodes)
        {
            if (string.Equals(node.Name, name, StringComparison.Ordinal))
            {
                return node;
            }
        }

        return null;
    }
}
