using System.CommandLine;
using System.Text.Json;
using Chainweave.Cli.Output;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>`contract get NAME` and `contract list`: what CONTRACT_MANAGE knows about installed contracts.</summary>
internal static class ContractCommandInfo
{
    public static Command CreateGet(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The contract's name on chain" };
        var command = new Command("get", "Show an installed contract: version, code hash, status, methods") { name };
        var options = ClientOptions.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var info = await new ContractClient(session.Client).GetAsync(result.GetValue(name)!, ct).ConfigureAwait(false);
            if (settings.Json)
            {
                JsonOutput.Write(console.Out, w => WriteFields(w, info));
                return 0;
            }

            var o = console.Out;
            o.WriteLine($"contract {info.Name}");
            o.WriteLine($"  version    {info.Version}");
            o.WriteLine($"  status     {info.Status}");
            o.WriteLine($"  code hash  {info.CodeHash}");
            o.WriteLine($"  methods    {(info.Methods.Count > 0 ? string.Join(", ", info.Methods) : "(none)")}");
            return 0;
        });
        return command;
    }

    public static Command CreateList(CliConsole console)
    {
        var command = new Command("list", "List installed contracts");
        var options = ClientOptions.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var contracts = await new ContractClient(session.Client).ListAsync(ct).ConfigureAwait(false);
            if (settings.Json)
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteStartArray("contracts");
                    foreach (var info in contracts)
                    {
                        w.WriteStartObject();
                        WriteFields(w, info);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
                return 0;
            }

            if (contracts.Count == 0)
            {
                console.Out.WriteLine($"no contracts installed; install one with `{Hints.Program} contract install NAME --wasm FILE`");
                return 0;
            }

            foreach (var info in contracts)
            {
                console.Out.WriteLine($"{info.Name,-20} {info.Version,-10} {info.Status,-9} {Display.Clip(info.CodeHash, 17)}  {info.Methods.Count} method(s)");
            }

            return 0;
        });
        return command;
    }

    private static void WriteFields(Utf8JsonWriter w, ContractInfo info)
    {
        w.WriteString("name", info.Name);
        w.WriteString("version", info.Version);
        w.WriteString("codeHash", info.CodeHash);
        w.WriteString("status", info.Status);
        w.WriteStartArray("methods");
        foreach (var method in info.Methods)
        {
            w.WriteStringValue(method);
        }

        w.WriteEndArray();
    }
}
