using System.CommandLine;
using Chainweave.Cli.Bench;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;

namespace Chainweave.Cli.Commands;

/// <summary>`bench --workload evidence --txs N [--concurrency C] [--rate R]`: the load generator.</summary>
internal static class BenchCommand
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);

    public static Command Create(CliConsole console)
    {
        var workload = new Option<string>("--workload") { Description = "What to submit", DefaultValueFactory = _ => "evidence" };
        workload.AcceptOnlyFromAmong("evidence", "token");
        var txs = new Option<int>("--txs") { Description = "Number of transactions", DefaultValueFactory = _ => 10_000, HelpName = "N" };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent submit streams, each on its own connection", DefaultValueFactory = _ => 4, HelpName = "C" };
        var rate = new Option<double?>("--rate") { Description = "Open loop: submit at R tx/s in total (default: closed loop)", HelpName = "R" };
        var accounts = new Option<int>("--accounts") { Description = "Token workload: accounts to mint to and transfer between", DefaultValueFactory = _ => 100, HelpName = "A" };
        var window = new Option<int>("--window") { Description = "Closed loop: transactions each stream keeps in flight", DefaultValueFactory = _ => 1_000, HelpName = "W" };
        var command = new Command("bench", "Load generator: pre-signs transactions, submits them, reports committed tx/s, latency and CPU")
        {
            workload, txs, concurrency, rate, window, accounts,
        };
        var options = ClientOptions.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var client = options.Read(result);
            var settings = new BenchSettings(
                Positive(result.GetValue(txs), "--txs"),
                Positive(result.GetValue(concurrency), "--concurrency"),
                Positive(result.GetValue(window), "--window"),
                result.GetValue(rate) is { } r ? PositiveRate(r) : null,
                CommitWait);

            using var session = await ClientSession.ConnectAsync(client, console, ct).ConfigureAwait(false);
            using var identity = session.LoadIdentity(client.Identity);
            var builder = session.NewBuilder(identity);
            var workloadName = result.GetValue(workload) ?? "evidence";
            if (workloadName == "token")
            {
                var accountCount = Positive(result.GetValue(accounts), "--accounts");
                var (mint, transfers) = await TokenWorkload.RunAsync(session, client, settings, accountCount,
                    line => { if (!client.Json) { console.Out.WriteLine(line); } }, ct).ConfigureAwait(false);
                BenchReport.Write(console, transfers, settings, session.Node.Name, client.Json, workloadName, mint);
                return transfers.Failed == 0 ? 0 : CliApp.UserError;
            }

            if (!client.Json)
            {
                var mode = settings.Rate is { } target ? $"open loop at {target:N0} tx/s" : $"closed loop, {settings.Window} in flight per stream";
                await console.Out.WriteLineAsync(
                    $"bench evidence: {settings.Txs:N0} txs over {settings.Concurrency} stream(s), {mode}, against {session.Node.Name} at {session.Client.Address}").ConfigureAwait(false);
            }

            var outcome = await BenchRunner.RunAsync(builder, session.Client.Address, session.Node.Name, settings, ct).ConfigureAwait(false);
            BenchReport.Write(console, outcome, settings, session.Node.Name, client.Json);
            return outcome.Failed == 0 ? 0 : CliApp.UserError;
        });
        return command;
    }

    private static int Positive(int value, string name) => value > 0
        ? value
        : throw new ChainError(CliErrorCodes.ArgumentInvalid, $"{name} must be a positive number, not {value}");

    private static double PositiveRate(double value) => value > 0 && double.IsFinite(value)
        ? value
        : throw new ChainError(CliErrorCodes.ArgumentInvalid, $"--rate must be a positive number of tx/s, not {value}");
}
