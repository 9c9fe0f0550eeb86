using System.CommandLine;
using Chainweave.Cli.Commands;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;

namespace Chainweave.Cli;

/// <summary>
/// The `chainweave` command line. Users see `error CODE: sentence` and exit code 1 for errors they can
/// fix, a one-line message and exit code 2 for anything unexpected, and never a stack trace.
/// </summary>
public static class CliApp
{
    public const int UserError = 1;
    public const int UnexpectedError = 2;

    /// <summary>Parses and runs one command line, writing to the given writers; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var console = new CliConsole(stdout, stderr);
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,

            // Long-running commands (node start, up) register their own SIGINT/SIGTERM handling so they can stop gracefully.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await BuildRoot(console).Parse(args).InvokeAsync(invocation, ct).ConfigureAwait(false);
        }
        catch (ChainError e)
        {
            await stderr.WriteLineAsync($"error {e.Code}: {e.Message}").ConfigureAwait(false);
            return UserError;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("cancelled").ConfigureAwait(false);
            return UserError;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await stderr.WriteLineAsync($"error: unexpected {e.GetType().Name}: {OneLine(e.Message)}").ConfigureAwait(false);
            return UnexpectedError;
        }
    }

    internal static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("Chainweave: a permissioned blockchain. Start a local network with `chainweave up`.");
        root.Add(InitCommand.Create(console));
        root.Add(NodeCommand.Create(console));
        root.Add(UpCommand.Create(console));
        root.Add(ChainCommand.Create(console));
        root.Add(BlockCommand.Create(console));
        root.Add(TxCommand.Create(console));
        root.Add(EvidenceCommand.Create(console));
        root.Add(ContractCommand.Create(console));
        root.Add(BenchCommand.Create(console));
        root.Add(ChaosCommand.Create(console));
        return root;
    }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
