using System.CommandLine;
using Chainweave.Cli.Chaos;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;

namespace Chainweave.Cli.Commands;

/// <summary>
/// `chaos`: a fresh 4-node TBFT network under steady load while nodes are killed, frozen and restarted;
/// then checks for forks, lost or duplicated commits and double-signs. Exit 0 only when none was found.
/// </summary>
internal static class ChaosCommand
{
    public static Command Create(CliConsole console)
    {
        var dir = new Option<string?>("--dir") { Description = "Folder for the network (default: a temp folder, removed afterwards)", HelpName = "DIR" };
        var keep = new Option<bool>("--keep") { Description = "Keep the network folder and node logs afterwards" };
        var duration = new Option<string>("--duration") { Description = "How long to load and perturb the network", DefaultValueFactory = _ => "60s", HelpName = "TIME" };
        var rate = new Option<double>("--rate") { Description = "Open-loop load in tx/s", DefaultValueFactory = _ => 200, HelpName = "R" };
        var seed = new Option<int?>("--seed") { Description = "Picks the perturbations (default: random, printed)", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON" };
        var command = new Command("chaos", "Run a 4-node network under load while killing, freezing and restarting nodes; check for forks, lost txs and double-signs")
        {
            dir, keep, duration, rate, seed, json,
        };
        command.SetAction(async (result, ct) =>
        {
            var r = result.GetValue(rate);
            if (!(r > 0) || !double.IsFinite(r))
            {
                throw new ChainError(CliErrorCodes.ArgumentInvalid, $"--rate must be a positive number of tx/s, not {r}");
            }

            var settings = new ChaosSettings(
                result.GetValue(dir),
                result.GetValue(keep),
                ChaosSettings.ParseDuration(result.GetValue(duration) ?? "60s"),
                r,
                result.GetValue(seed) ?? Random.Shared.Next(),
                result.GetValue(json));
            await console.Error.WriteLineAsync($"chaos: seed {settings.Seed}").ConfigureAwait(false);
            var report = await ChaosRunner.RunAsync(settings, console.Error, ct).ConfigureAwait(false);
            ChaosReportWriter.Write(console.Out, report, settings.Json);
            return report.Passed ? 0 : CliApp.UserError;
        });
        return command;
    }
}
