using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Chainweave.Cli.Hosting;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>
/// `up`: creates the network when the folder holds none, starts every node as a child process, and
/// stops them all on Ctrl-C or SIGTERM.
/// </summary>
internal static class UpCommand
{
    // The demo record's content: any bytes do; its SHA-256 makes the printed hash a real digest.
    private const string DemoContent = "hello, chainweave\n";

    public static Command Create(CliConsole console)
    {
        var command = new Command("up", "Start a local network (creating it first when the folder holds none); Ctrl-C stops it");
        var arguments = InitArguments.AddTo(command);
        arguments.Dir.Aliases.Add("--network");
        command.SetAction((result, ct) => RunAsync(console, arguments, result, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, InitArguments arguments, ParseResult result, CancellationToken ct)
    {
        using var signal = new ShutdownSignal(ct);
        var dir = result.GetValue(arguments.Dir) ?? NetworkLayout.DefaultDir;
        var o = console.Out;
        if (!File.Exists(Path.Combine(dir, NetworkLayout.NetworkFileName)))
        {
            InitCommand.Report(console, InitCommand.Initialize(arguments.Read(result, TimeProvider.System)), json: false);
        }
        else if (arguments.AnyCreationOptionGiven(result))
        {
            await console.Error.WriteLineAsync($"note: {Path.GetFullPath(dir)} already holds a network; starting it as it is (the init options were ignored)").ConfigureAwait(false);
        }

        var network = ClientSession.LoadNetwork(dir);
        await using var supervisor = new NodeSupervisor();
        var alreadyRunning = new List<NodeEntry>();
        foreach (var node in network.Nodes)
        {
            if (await supervisor.IsHealthyAsync(node, signal.Token).ConfigureAwait(false))
            {
                alreadyRunning.Add(node);
                continue;
            }

            await o.WriteLineAsync($"starting {node.Name}…").ConfigureAwait(false);
            supervisor.Start(node, Path.GetFullPath(Path.Combine(dir, node.Home)));
        }

        foreach (var node in supervisor.Nodes)
        {
            await supervisor.WaitReadyAsync(node, signal.Token).ConfigureAwait(false);
        }

        await PrintReadyAsync(console, dir, network, alreadyRunning, signal.Token).ConfigureAwait(false);
        if (supervisor.Nodes.Count == 0)
        {
            await o.WriteLineAsync("every node was already running; nothing for `up` to stop").ConfigureAwait(false);
            return 0;
        }

        await o.WriteLineAsync("Ctrl-C stops the network.").ConfigureAwait(false);
        var stopRequested = signal.WhenRequested();
        var watched = supervisor.Nodes.ToList();
        while (true)
        {
            using var watching = new CancellationTokenSource();
            var exited = NodeSupervisor.AnyExitAsync(watched, watching.Token);
            var first = await Task.WhenAny(stopRequested, exited).ConfigureAwait(false);
            await watching.CancelAsync().ConfigureAwait(false);
            if (first != exited)
            {
                break;
            }

            var dead = await exited.ConfigureAwait(false);
            watched.Remove(dead);
            if (watched.Count == 0 || network.Nodes.Count == 1)
            {
                await o.WriteLineAsync("stopping the other nodes…").ConfigureAwait(false);
                await supervisor.StopAllAsync().ConfigureAwait(false);
                throw NodeSupervisor.Failed(dead, $"node {dead.Node.Name} stopped unexpectedly (exit code {dead.Process.ExitCode})");
            }

            // A network of several nodes is meant to outlive one of them: say so, and keep the others running.
            await console.Error.WriteLineAsync(
                $"warning: node {dead.Node.Name} stopped (exit code {dead.Process.ExitCode}); the other {watched.Count} node(s) go on. "
                + $"Restart it with `{Hints.Program} node start --home {dead.Home}`; it catches up from its peers. Its log: {dead.LogPath}").ConfigureAwait(false);
        }

        await o.WriteLineAsync($"stopping {supervisor.Nodes.Count} node(s)…").ConfigureAwait(false);
        await supervisor.StopAllAsync().ConfigureAwait(false);
        await o.WriteLineAsync("stopped").ConfigureAwait(false);
        return 0;
    }

    private static async Task PrintReadyAsync(CliConsole console, string dir, NetworkManifest network, List<NodeEntry> alreadyRunning, CancellationToken ct)
    {
        var o = console.Out;
        var full = Path.GetFullPath(dir);
        await o.WriteLineAsync($"network {network.ChainId} is up ({network.Nodes.Count} node(s), {network.Consensus}, {network.Crypto}) from {full}").ConfigureAwait(false);
        foreach (var node in network.Nodes)
        {
            var note = alreadyRunning.Contains(node) ? "  (was already running)" : $"  log {Path.Combine(full, node.Home, NodeProcess.LogFileName)}";
            await o.WriteLineAsync($"  {node.Name}  gRPC http://{node.Grpc}  HTTP http://{node.Http}{note}").ConfigureAwait(false);
        }

        var id = await DemoIdAsync(network.Nodes[0], ct).ConfigureAwait(false);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DemoContent)));
        var program = Hints.Program;
        var networkArgument = Hints.NetworkArgument(dir);
        await o.WriteLineAsync().ConfigureAwait(false);
        await o.WriteLineAsync("next, in another terminal:").ConfigureAwait(false);
        await o.WriteLineAsync($"  {program} evidence put --id {id} --hash {hash} --meta '{{\"title\":\"demo\"}}' --wait{networkArgument}").ConfigureAwait(false);
        await o.WriteLineAsync($"  {program} evidence get --id {id}{networkArgument}").ConfigureAwait(false);
        await o.WriteLineAsync($"  curl -s http://{network.Nodes[0].Http}/v1/chain").ConfigureAwait(false);
        await o.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// "demo-1" on a new chain; on a chain that already has blocks, an id past its height, so pasting the
    /// printed command again after a restart does not hit the write-once rule.
    /// </summary>
    private static async Task<string> DemoIdAsync(NodeEntry node, CancellationToken ct)
    {
        using var client = new ChainClient(node.Grpc, node.Name);
        try
        {
            var info = await client.GetChainInfoAsync(TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
            return $"demo-{info.Height + 1}";
        }
        catch (ChainError e) when (e.Code == ErrorCodes.Unavailable)
        {
            return "demo-1";
        }
    }
}
