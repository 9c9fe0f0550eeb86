using Chainweave.Api.Rpc;
using Chainweave.Cli.Commands;

namespace Chainweave.Cli.Output;

internal static class ChainInfoView
{
    public static void Write(CliConsole console, ChainInfo info, string nodeAddress, IReadOnlyList<NodeStatus> nodes, bool json)
    {
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("chainId", info.ChainId);
                w.WriteNumber("height", info.Height);
                w.WriteString("consensus", info.Consensus);
                w.WriteString("crypto", info.Crypto);
                w.WriteString("latestBlockHash", Display.Hex(info.LatestBlockHash));
                w.WriteString("nodeName", info.NodeName);
                w.WriteString("nodeId", Display.Hex(info.NodeId));
                w.WriteString("nodeAddress", nodeAddress);
                w.WriteNumber("poolSize", info.PoolSize);
                w.WriteNumber("peerCount", info.PeerCount);
                w.WriteStartArray("validators");
                foreach (var validator in info.Config?.Validators ?? [])
                {
                    w.WriteStartObject();
                    w.WriteString("nodeId", Display.Hex(validator));
                    w.WriteString("name", NameOf(info, validator));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("nodes");
                foreach (var node in nodes)
                {
                    w.WriteStartObject();
                    w.WriteString("name", node.Node.Name);
                    w.WriteString("org", node.Node.Org);
                    w.WriteString("api", node.Node.Grpc);
                    w.WriteString("status", node.Up ? "up" : "down");
                    w.WriteNumber("height", node.Height);
                    w.WriteNumber("peers", node.Peers);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (info.Config is { } config)
                {
                    w.WriteStartObject("config");
                    w.WriteString("identityMode", config.IdentityMode);
                    w.WriteNumber("orgs", config.Orgs.Count);
                    w.WriteNumber("validators", config.Validators.Count);
                    w.WriteNumber("sequence", config.Sequence);
                    if (config.Block is { } block)
                    {
                        w.WriteNumber("blockMaxTxs", block.MaxTxs);
                        w.WriteNumber("blockIntervalMs", block.IntervalMs);
                    }

                    w.WriteEndObject();
                }
            });
            return;
        }

        var o = console.Out;
        o.WriteLine($"chain {info.ChainId}  ({info.Consensus} consensus, {info.Crypto} crypto)");
        o.WriteLine($"  height        {info.Height}");
        o.WriteLine($"  latest block  {Display.Hex(info.LatestBlockHash)}");
        o.WriteLine($"  node          {info.NodeName} at {nodeAddress}  (id {Display.Clip(Display.Hex(info.NodeId), 17)})");
        o.WriteLine($"  pool          {info.PoolSize} transactions waiting");
        if (info.Config is { } c)
        {
            o.WriteLine($"  members       {c.Orgs.Count} organisation(s), {c.Validators.Count} validator(s), identity mode {c.IdentityMode}");
        }

        o.WriteLine("  nodes");
        foreach (var node in nodes)
        {
            var state = node.Up ? $"up    height {node.Height,-8} peers {node.Peers}" : "down";
            o.WriteLine($"    {node.Node.Name,-8} {node.Node.Org,-6} {node.Node.Grpc,-21} {state}");
        }
    }

    private static string NameOf(ChainInfo info, Google.Protobuf.ByteString nodeId)
    {
        foreach (var node in info.Config?.Nodes ?? [])
        {
            if (node.NodeId.Equals(nodeId))
            {
                return node.Name;
            }
        }

        return string.Empty;
    }
}
