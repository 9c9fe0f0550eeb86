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
        var (code, message) = SubmitView.Failure(response);
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
                    EventsJson.Write(w, result.Events);
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

        SubmitView.ThrowFailure(response, txId, wait, code, message);
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
}
