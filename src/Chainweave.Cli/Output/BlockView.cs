using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;

namespace Chainweave.Cli.Output;

internal static class BlockView
{
    public static void Write(CliConsole console, BlockInfo info, bool json)
    {
        var header = info.Header ?? new BlockHeader();
        var certificate = info.Block?.Certificate;
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteNumber("height", header.Height);
                w.WriteString("hash", Display.Hex(info.Hash));
                w.WriteString("chainId", header.ChainId);
                w.WriteString("previousHash", Display.Hex(header.PreviousHash));
                w.WriteNumber("timestampMs", header.TimestampMs);
                w.WriteString("proposer", Display.Hex(header.Proposer));
                w.WriteNumber("txCount", header.TxCount);
                w.WriteString("txRoot", Display.Hex(header.TxRoot));
                w.WriteString("resultRoot", Display.Hex(header.ResultRoot));
                w.WriteString("dagHash", Display.Hex(header.DagHash));
                w.WriteString("validatorsHash", Display.Hex(header.ValidatorsHash));
                w.WriteString("configHash", Display.Hex(header.ConfigHash));
                w.WriteStartArray("txs");
                foreach (var result in info.Results)
                {
                    w.WriteStartObject();
                    w.WriteString("txId", Display.Hex(result.TxId));
                    w.WriteString("status", Display.Status(result.Status));
                    w.WriteString("code", result.Code);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (certificate is not null)
                {
                    w.WriteStartObject("certificate");
                    w.WriteNumber("round", certificate.Round);
                    w.WriteNumber("votes", certificate.Votes.Count);
                    w.WriteEndObject();
                }
            });
            return;
        }

        var o = console.Out;
        o.WriteLine($"block {header.Height}  {Display.Hex(info.Hash)}");
        o.WriteLine($"  time       {Display.Time(header.TimestampMs)}");
        o.WriteLine($"  previous   {Display.Hex(header.PreviousHash)}");
        o.WriteLine($"  proposer   {Display.Clip(Display.Hex(header.Proposer), 17)}");
        o.WriteLine($"  tx root    {Display.Hex(header.TxRoot)}");
        if (certificate is not null)
        {
            o.WriteLine($"  commit     {certificate.Votes.Count} vote(s), round {certificate.Round}");
        }

        o.WriteLine($"  txs        {header.TxCount}");
        const int shown = 20;
        for (var i = 0; i < info.Results.Count && i < shown; i++)
        {
            var result = info.Results[i];
            o.WriteLine($"    {i,4}  {Display.Hex(result.TxId)}  {Display.Status(result.Status)}{(result.Code.Length > 0 ? " " + result.Code : "")}");
        }

        if (info.Results.Count > shown)
        {
            o.WriteLine($"    … and {info.Results.Count - shown} more (--json lists them all)");
        }
    }
}
