using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;
using Chainweave.Sdk;

namespace Chainweave.Cli.Output;

/// <summary>Reports a submission; anything short of success becomes a ChainError after --json output is written.</summary>
internal static class SubmitView
{
    public static void Write(CliConsole console, SignedTransaction transaction, SubmitResponse response, string nodeName, bool json, TimeSpan wait, string? followUp)
    {
        var result = response.Result;
        var succeeded = response.Status switch
        {
            SubmitStatus.Committed => result is null || result.Status == TxStatus.Success,
            SubmitStatus.Accepted => true,
            _ => false,
        };
        var (code, message) = Failure(response);
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("txId", transaction.TxIdHex);
                w.WriteString("status", Display.Status(response.Status));
                w.WriteNumber("blockHeight", response.BlockHeight);
                w.WriteString("result", result is null ? "" : Display.Status(result.Status));
                w.WriteString("code", code);
                w.WriteString("message", message);
                w.WriteString("node", nodeName);
            });
        }
        else if (succeeded && response.Status == SubmitStatus.Committed)
        {
            console.Out.WriteLine($"committed in block {response.BlockHeight}: tx {transaction.TxIdHex}");
            if (followUp is not null)
            {
                console.Out.WriteLine($"read it back:  {followUp}");
            }
        }
        else if (succeeded)
        {
            console.Out.WriteLine($"accepted by {nodeName} (not waiting for the commit; add --wait to wait): tx {transaction.TxIdHex}");
            console.Out.WriteLine($"once committed, see it with:  {Hints.Program} tx get {transaction.TxIdHex}");
        }

        if (succeeded)
        {
            return;
        }

        ThrowFailure(response, transaction.TxIdHex, wait, code, message);
    }

    /// <summary>The error a submission that did not succeed ends the command with.</summary>
    public static void ThrowFailure(SubmitResponse response, string txId, TimeSpan wait, string code, string message)
    {
        if (response.Status == SubmitStatus.Timeout)
        {
            throw new ChainError(string.IsNullOrEmpty(response.Code) ? CliErrorCodes.TxTimeout : response.Code,
                $"tx {txId} was accepted but not committed within {wait.TotalSeconds:0} s; check later with `{Hints.Program} tx get {txId}`");
        }

        throw new ChainError(code.Length > 0 ? code : ErrorCodes.Internal, message.Length > 0 ? message : $"tx {txId} failed ({Display.Status(response.Status)})");
    }

    /// <summary>The code and message of a refused or failed submission: the node's, else the transaction result's.</summary>
    public static (string Code, string Message) Failure(SubmitResponse response)
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
