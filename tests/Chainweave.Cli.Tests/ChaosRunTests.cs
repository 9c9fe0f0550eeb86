using System.Text.Json;

namespace Chainweave.Cli.Tests;

/// <summary>
/// A short chaos run on four real node processes: with a node killed and restarted and the proposer frozen
/// and woken under load, no acknowledged commit is lost or duplicated and no two nodes disagree on a block.
/// </summary>
public sealed class ChaosRunTests
{
    [Fact]
    public async Task A_short_chaos_run_loses_nothing_through_a_kill_and_a_freeze()
    {
        using var temp = new TempDir();
        var run = await CliRun.RunAsync("chaos", "--dir", temp.Combine("net"), "--duration", "10s", "--rate", "50", "--seed", "7", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(run.Out);
        var root = report.RootElement;
        Assert.True(root.GetProperty("acknowledged").GetInt32() > 0, run.ToString());
        Assert.Equal(0, root.GetProperty("lost").GetInt32());
        Assert.Equal(0, root.GetProperty("misplaced").GetInt32());
        Assert.Equal(0, root.GetProperty("duplicated").GetInt32());
        Assert.Equal(0, root.GetProperty("forks").GetInt32());
        Assert.Equal(0, root.GetProperty("doubleSigns").GetInt32());
        var perturbations = root.GetProperty("perturbations");
        Assert.True(perturbations.GetProperty("killRestart").GetProperty("applied").GetInt32() >= 1, run.ToString());
        Assert.True(perturbations.GetProperty("stopContinue").GetProperty("applied").GetInt32() >= 1, run.ToString());
        Assert.True(root.GetProperty("votesChecked").GetInt32() > 0, run.ToString());
    }
}
