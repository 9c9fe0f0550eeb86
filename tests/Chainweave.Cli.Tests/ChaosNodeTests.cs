using Chainweave.Cli.Chaos;
using Chainweave.Core.Genesis;

namespace Chainweave.Cli.Tests;

/// <summary>
/// The chaos run's handle on a node process stays usable whatever the process does: exiting by itself,
/// being killed and restarted while other threads probe it, or still running when the run ends.
/// </summary>
public sealed class ChaosNodeTests
{
    [Fact]
    public async Task A_node_that_exits_by_itself_reports_its_exit_code_and_later_signals_are_harmless()
    {
        using var temp = new TempDir();
        using var node = NewNode(temp, "/bin/sh", "-c", "exit 3");
        node.Start();
        await node.Exited;

        Assert.False(node.Running);
        Assert.Equal(3, node.ExitCode);
        node.Pause();
        Assert.False(node.Paused);
        node.Resume();
        await node.KillAsync();
        await node.StopAsync(TimeSpan.FromSeconds(1));

        node.Start();
        await node.Exited;
        Assert.Equal(3, node.ExitCode);
    }

    [Fact]
    public async Task Killing_and_restarting_a_node_while_other_threads_read_its_state_never_throws()
    {
        using var temp = new TempDir();
        var node = NewNode(temp, "/bin/sh", "-c", "exec sleep 60");
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var reads = 0;
            while (!done.IsCancellationRequested)
            {
                _ = node.Running;
                _ = node.ExitCode;
                _ = node.Exited.IsCompleted;
                node.Resume();
                reads++;
            }

            return reads;
        });

        for (var i = 0; i < 10; i++)
        {
            node.Start();
            Assert.True(node.Running);
            await node.KillAsync();
            Assert.False(node.Running);
        }

        node.Start();
        var last = node.Exited;
        node.Dispose();
        await done.CancelAsync();

        Assert.True(await reader > 0);
        Assert.True(last.IsCompleted, "disposing the node must kill the process it still runs");
        Assert.False(node.Running);
    }

    private static ChaosNode NewNode(TempDir temp, params string[] command)
    {
        var entry = new NodeEntry("node1", "org1", temp.Path, "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3");
        return new ChaosNode(entry, temp.Path, command);
    }
}
