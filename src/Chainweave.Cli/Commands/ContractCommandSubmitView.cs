using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>
/// Reports a contract transaction like <see cref="SubmitView"/> does, plus what the contract answered:
/// its return value and events. Anything short of success becomes a ChainError after --json output.
/// </summary>
internal static class ContractCommandSubmitView
{
    public static void Write(CliConsole console, ContractSubmission submission, string nodeName, bool json, TimeSpan wait, string? followUp, IReadOnlyList<string> signers)
    {
        var response = submission.Response;
        var result = response.Result;
        var committed = response.Status == SubmitStatus.Committed;
        var succeeded = committed ? submission.Succeeded : response.Status == SubmitStatus.Accepted;
        var (code, message) = Failure(response);
        var txId = submission.Transaction.TxIdHex;
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("txId", txId);
                w.WriteString("status", Display.Status(response.Status));
                w.WriteNumber("blockHeight", response.BlockHeight);
                w.WriteString("result", result is null ? "" : Display.Status(result.Status));
                w.WriteString("code", code);
                w.WriteString("message", message);
                w.WriteString("node", nodeName);
                w.WriteStartArray("signers");
                foreach (var signer in signers)
                {
                    w.WriteStringValue(signer);
                }

                w.WriteEndArray();
                if (result is not null)
                {
                    w.WriteNumber("gasUsed", result.GasUsed);
                    JsonOutput.WriteBytes(w, "returnValue", result.ReturnValue.Span);
                    WriteEvents(w, result);
                }
            });
        }
        else if (succeeded && committed)
        {
            console.Out.WriteLine($"committed in block {response.BlockHeight}: tx {txId}");
            if (result is not null)
            {
                WriteResultText(console.Out, result);
            }

            if (followUp is not null)
            {
                console.Out.WriteLine($"see it:  {followUp}");
            }
        }
        else if (succeeded)
        {
            console.Out.WriteLine($"accepted by {nodeName} (not waiting for the commit): tx {txId}");
            console.Out.WriteLine($"once committed, see it with:  {Hints.Program} tx get {txId}");
        }

        if (succeeded)
        {
            return;
        }

        if (response.Status == SubmitStatus.Timeout)
        {
            throw new ChainError(string.IsNullOrEmpty(response.Code) ? CliErrorCodes.TxTimeout : response.Code,
                $"tx {txId} was accepted but not committed within {wait.TotalSeconds:0} s; check later with `{Hints.Program} tx get {txId}`");
        }

        throw new ChainError(code.Length > 0 ? code : ErrorCodes.Internal, message.Length > 0 ? message : $"tx {txId} failed ({Display.Status(response.Status)})");
    }

    private static void WriteResultText(TextWriter o, TxResult result)
    {
        if (result.ReturnValue.Length > 0)
        {
            o.WriteLine($"  returned  {Display.Clip(TextOrHex.Show(result.ReturnValue.Span))}");
        }

        foreach (var ev in result.Events)
        {
            var items = new List<string>(ev.Data.Count);
            foreach (var item in ev.Data)
            {
                items.Add(Display.Clip(TextOrHex.Show(item.Span), 40));
            }

            o.WriteLine($"  event     {ev.Contract}.{ev.Topic} [{string.Join(", ", items)}]");
        }
    }

    private static void WriteEvents(System.Text.Json.Utf8JsonWriter w, TxResult result)
    {
        w.WriteStartArray("events");
        foreach (var ev in result.Events)
        {
            w.WriteStartObject();
            w.WriteString("contract", ev.Contract);
            w.WriteString("topic", ev.Topic);
            w.WriteStartArray("data");
            foreach (var item in ev.Data)
            {
                w.WriteStringValue(TextOrHex.Show(item.Span));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static (string Code, string Message) Failure(SubmitResponse response)
    {
        if (response.Code.Length > 0)
        {
            return (response.Code, response.Message);
        }

        if (response.Result is { Code.Length: > 0 } result)
        {
            return (result.Code, result.Message);
        }

        return ("", response.Message);
    }
}
