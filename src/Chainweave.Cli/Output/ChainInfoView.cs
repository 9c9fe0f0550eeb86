using Chainweave.Api.Rpc;

namespace Chainweave.Cli.Output;

internal static class ChainInfoView
{
    public static void Write(CliConsole console, ChainInfo info, string nodeAddress, bool json)
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
    }
}
