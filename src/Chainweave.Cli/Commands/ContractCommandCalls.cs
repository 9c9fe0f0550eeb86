using System.CommandLine;
using Chainweave.Cli.Output;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>`contract invoke` (a transaction) and `contract query` (a read-only call) of an installed contract.</summary>
internal static class ContractCommandCalls
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);

    public static Command CreateInvoke(CliConsole console)
    {
        var (name, method, args) = CallArguments();
        var wait = new Option<bool>("--wait") { Description = "Wait until the transaction is committed; then show the return value and events" };
        var command = new Command("invoke", "Call a contract method in a signed transaction") { name, method, args, wait };
        var options = ClientOptions.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            var contract = result.GetValue(name)!;
            var callArgs = ContractCommandArgs.Parse(result.GetValue(args), Directory.GetCurrentDirectory());
            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            using var identity = session.LoadIdentity(settings.Identity);
            var client = new ContractClient(session.Client, session.NewBuilder(identity));
            var submission = await client.InvokeAsync(contract, result.GetValue(method)!, callArgs, result.GetValue(wait), CommitWait, ct).ConfigureAwait(false);
            var followUp = $"{Hints.Program} tx get {submission.Transaction.TxIdHex}{Hints.NetworkArgument(settings.Network)}";
            ContractCommandSubmitView.Write(console, submission, session.Node.Name, settings.Json, CommitWait, followUp, [settings.Identity]);
            return 0;
        });
        return command;
    }

    public static Command CreateQuery(CliConsole console)
    {
        var (name, method, args) = CallArguments();
        var command = new Command("query", "Call a contract method read-only (no transaction) and print its value") { name, method, args };
        var options = ClientOptions.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            var contract = result.GetValue(name)!;
            var methodName = result.GetValue(method)!;
            var callArgs = ContractCommandArgs.Parse(result.GetValue(args), Directory.GetCurrentDirectory());
            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var value = await new ContractClient(session.Client).QueryAsync(contract, methodName, callArgs, ct).ConfigureAwait(false);
            if (settings.Json)
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteString("contract", contract);
                    w.WriteString("method", methodName);
                    JsonOutput.WriteBytes(w, "value", value);
                });
            }
            else
            {
                console.Out.WriteLine(TextOrHex.Show(value));
            }

            return 0;
        });
        return command;
    }

    private static (Argument<string> Name, Argument<string> Method, Option<string[]> Args) CallArguments() => (
        new Argument<string>("NAME") { Description = "The contract" },
        new Argument<string>("METHOD") { Description = "The method" },
        new Option<string[]>("--arg") { Description = ContractCommandArgs.HelpText, HelpName = "KEY=VALUE" });
}
