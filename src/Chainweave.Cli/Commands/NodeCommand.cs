using System.CommandLine;
using Chainweave.Cli.Hosting;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;
using Chainweave.Node.Hosting;

namespace Chainweave.Cli.Commands;

/// <summary>`node start --home DIR`: one node in the foreground until SIGINT/SIGTERM.</summary>
internal static class NodeCommand
{
    public static Command Create(CliConsole console)
    {
        var home = new Option<string>("--home") { Description = "The node's home folder, e.g. .chainweave/nodes/node1", Required = true, HelpName = "DIR" };
        var start = new Command("start", "Run one node in the foreground; Ctrl-C or SIGTERM stops it cleanly") { home };
        start.SetAction((result, ct) => RunAsync(console, result.GetValue(home)!, ct));
        return new Command("node", "Run a node") { start };
    }

    private static async Task<int> RunAsync(CliConsole console, string home, CancellationToken ct)
    {
        using var signal = new ShutdownSignal(ct);
        using var logging = NodeLogging.CreateConsole();
        NodeHost host;
        try
        {
            host = await NodeHost.StartAsync(home, new NodeHostOptions { LoggerFactory = logging }, signal.Token).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            throw new ChainError(CliErrorCodes.PortInUse,
                $"{e.Message.TrimEnd('.')}: is this node already running, or another program using the port? Stop it, or create the network with another --base-port", e);
        }

        try
        {
            await console.Out.WriteLineAsync(
                $"node {host.Name} ready: gRPC {host.GrpcAddress}, HTTP {host.HttpAddress} (pid {Environment.ProcessId}); Ctrl-C stops it").ConfigureAwait(false);
            var stopRequested = signal.WhenRequested();
            var first = await Task.WhenAny(stopRequested, host.Completion).ConfigureAwait(false);
            if (first != stopRequested)
            {
                throw new ChainError(ErrorCodes.Internal, $"node {host.Name} stopped on its own; see the log above for why");
            }

            await console.Out.WriteLineAsync($"stopping node {host.Name}…").ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
            await console.Out.WriteLineAsync($"node {host.Name} stopped").ConfigureAwait(false);
            return 0;
        }
        finally
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
