using System.CommandLine;
using System.Text.Json;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>`evidence put` and `evidence get`: the EVIDENCE system contract.</summary>
internal static class EvidenceCommand
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);

    public static Command Create(CliConsole console) =>
        new("evidence", "Store a content hash under an id, once, and read it back") { CreatePut(console), CreateGet(console) };

    private static Command CreatePut(CliConsole console)
    {
        var id = new Option<string>("--id") { Description = "The record's id (written once)", Required = true, HelpName = "ID" };
        var hash = new Option<string>("--hash") { Description = "The content hash, hex (e.g. a sha256sum)", Required = true, HelpName = "HEX" };
        var meta = new Option<string?>("--meta") { Description = "Metadata, a JSON document of at most 4 KiB", HelpName = "JSON" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the transaction is committed and report its block" };
        var put = new Command("put", "Store an evidence record (a signed transaction)") { id, hash, meta, wait };
        var options = ClientOptions.AddTo(put);
        put.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            var recordId = result.GetValue(id)!;
            var hashHex = ValidHash(result.GetValue(hash)!);
            var metaJson = ValidMeta(result.GetValue(meta));
            var waitForCommit = result.GetValue(wait);

            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            using var identity = session.LoadIdentity(settings.Identity);
            var evidence = new EvidenceClient(session.Client, session.NewBuilder(identity));
            var (transaction, response) = await evidence.PutAsync(recordId, hashHex, metaJson, waitForCommit, CommitWait, ct).ConfigureAwait(false);
            var followUp = $"{Hints.Program} evidence get --id {Hints.Quote(recordId)}{Hints.NetworkArgument(settings.Network)}";
            SubmitView.Write(console, transaction, response, session.Node.Name, settings.Json, CommitWait, followUp);
            return 0;
        });
        return put;
    }

    private static Command CreateGet(CliConsole console)
    {
        var id = new Option<string>("--id") { Description = "The record's id", Required = true, HelpName = "ID" };
        var get = new Command("get", "Read an evidence record") { id };
        var options = ClientOptions.AddTo(get);
        get.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var record = await new EvidenceClient(session.Client).GetAsync(result.GetValue(id)!, ct).ConfigureAwait(false);
            Write(console, record, settings.Json);
            return 0;
        });
        return get;
    }

    private static void Write(CliConsole console, EvidenceRecord record, bool json)
    {
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("id", record.Id);
                w.WriteString("hash", record.Hash);
                JsonOutput.WriteJsonOrString(w, "meta", record.Meta);
                w.WriteString("txId", record.TxId);
                w.WriteNumber("blockHeight", record.BlockHeight);
                w.WriteNumber("timestamp", record.Timestamp);
                w.WriteString("org", record.Org);
            });
            return;
        }

        var o = console.Out;
        o.WriteLine($"evidence {record.Id}");
        o.WriteLine($"  hash   {record.Hash}");
        o.WriteLine($"  meta   {(record.Meta.Length > 0 ? record.Meta : "(none)")}");
        o.WriteLine($"  tx     {record.TxId}");
        o.WriteLine($"  block  {record.BlockHeight}, {Display.Time(record.Timestamp)}");
        if (record.Org.Length > 0)
        {
            o.WriteLine($"  by     {record.Org}");
        }
    }

    private static string ValidHash(string text)
    {
        var hex = HexArgument.Normalize(text);
        if (!HexArgument.IsHex(hex))
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid,
                $"--hash `{text}` is not a hex digest: give an even number of 0-9a-f digits, e.g. the output of `sha256sum FILE`");
        }

        return hex;
    }

    private static string? ValidMeta(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return text;
        }
        catch (JsonException e)
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid, $"--meta is not valid JSON ({e.Message}); quote it for the shell, e.g. --meta '{{\"title\":\"report\"}}'", e);
        }
    }
}
