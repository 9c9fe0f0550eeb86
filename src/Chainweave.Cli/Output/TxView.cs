using System.Text.Json;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;

namespace Chainweave.Cli.Output;

internal static class TxView
{
    public static void Write(CliConsole console, TxInfo info, bool json)
    {
        var payload = info.Payload ?? new TxPayload();
        var result = info.Result ?? new TxResult();
        if (json)
        {
            JsonOutput.Write(console.Out, w => WriteJson(w, info, payload, result));
            return;
        }

        var o = console.Out;
        o.WriteLine($"tx {Display.Hex(info.TxId)}");
        o.WriteLine($"  status     {Display.Status(result.Status)}{(result.Code.Length > 0 ? $" {result.Code}: {result.Message}" : "")}");
        o.WriteLine($"  block      {info.BlockHeight} (index {info.Index}, hash {Display.Clip(Display.Hex(info.BlockHash), 17)})");
        o.WriteLine($"  call       {payload.Contract}.{payload.Method}");
        foreach (var arg in payload.Args)
        {
            o.WriteLine($"    {arg.Key} = {Display.Clip(TextOrHex.Show(arg.Value.Span))}");
        }

        if (payload.Sender is { } sender)
        {
            o.WriteLine($"  sender     {sender.OrgId} ({Display.MemberType(sender.Type).ToLowerInvariant().Replace('_', ' ')})");
        }

        o.WriteLine($"  time       {Display.Time(payload.TimestampMs)}");
        o.WriteLine($"  gas used   {result.GasUsed}");
        if (result.ReturnValue.Length > 0)
        {
            o.WriteLine($"  returned   {Display.Clip(TextOrHex.Show(result.ReturnValue.Span))}");
        }

        foreach (var ev in result.Events)
        {
            o.WriteLine($"  event      {ev.Contract}.{ev.Topic} ({ev.Data.Count} data item(s))");
        }

        if (info.Proof is { } proof)
        {
            o.WriteLine($"  proof      leaf {proof.LeafIndex} of {proof.TreeSize}, {proof.Path.Count} hash(es) to tx root {Display.Clip(Display.Hex(proof.Root), 17)}");
        }
    }

    private static void WriteJson(Utf8JsonWriter w, TxInfo info, TxPayload payload, TxResult result)
    {
        w.WriteString("txId", Display.Hex(info.TxId));
        w.WriteString("status", Display.Status(result.Status));
        w.WriteNumber("blockHeight", info.BlockHeight);
        w.WriteNumber("index", info.Index);
        w.WriteString("blockHash", Display.Hex(info.BlockHash));
        w.WriteString("code", result.Code);
        w.WriteString("message", result.Message);
        w.WriteString("chainId", payload.ChainId);
        w.WriteString("contract", payload.Contract);
        w.WriteString("method", payload.Method);
        w.WriteStartArray("args");
        foreach (var arg in payload.Args)
        {
            w.WriteStartObject();
            w.WriteString("key", arg.Key);
            JsonOutput.WriteBytes(w, "value", arg.Value.Span);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("timestampMs", payload.TimestampMs);
        w.WriteNumber("nonce", payload.Nonce);
        if (payload.Sender is { } sender)
        {
            w.WriteStartObject("sender");
            w.WriteString("org", sender.OrgId);
            w.WriteString("type", Display.MemberType(sender.Type));
            w.WriteEndObject();
        }

        w.WriteNumber("gasUsed", result.GasUsed);
        JsonOutput.WriteBytes(w, "returnValue", result.ReturnValue.Span);
        EventsJson.Write(w, result.Events);
        if (info.Proof is { } proof)
        {
            w.WriteStartObject("proof");
            w.WriteNumber("leafIndex", proof.LeafIndex);
            w.WriteNumber("treeSize", proof.TreeSize);
            w.WriteStartArray("path");
            foreach (var hash in proof.Path)
            {
                w.WriteStringValue(Display.Hex(hash));
            }

            w.WriteEndArray();
            w.WriteString("root", Display.Hex(proof.Root));
            w.WriteEndObject();
        }
    }
}
