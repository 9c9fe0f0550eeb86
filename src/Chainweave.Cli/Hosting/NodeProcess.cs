using System.Diagnostics;
using System.Reflection;
using Chainweave.Core.Genesis;

namespace Chainweave.Cli.Hosting;

/// <summary>
/// A node run by `up` as a child process (`chainweave node start --home HOME`), its output appended to
/// HOME/node.log by the shell so the log stays complete even if `up` itself dies.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    public const string LogFileName = "node.log";

    private NodeProcess(NodeEntry node, string home, Process process)
    {
        Node = node;
        Home = home;
        Process = process;
        LogPath = Path.Combine(home, LogFileName);
    }

    public NodeEntry Node { get; }

    public string Home { get; }

    public string LogPath { get; }

    public Process Process { get; }

    public static NodeProcess Start(NodeEntry node, string home)
    {
        var log = Path.Combine(home, LogFileName);
        File.AppendAllText(log, $"=== {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC: started by `chainweave up` ===\n");

        var process = Process.Start(StartInfo(SelfCommand(), home, log)) ?? throw new InvalidOperationException("the node process did not start");
        return new NodeProcess(node, home, process);
    }

    /// <summary>
    /// `COMMAND node start --home HOME` with its output appended to <paramref name="logPath"/> by the
    /// shell, so the log stays complete even if the parent dies.
    /// </summary>
    /// <param name="command">How to run this CLI: its executable, and the assembly when run under dotnet.</param>
    /// <param name="home">The node's home folder.</param>
    /// <param name="logPath">The file the node's output is appended to.</param>
    public static ProcessStartInfo StartInfo(IEnumerable<string> command, string home, string logPath)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >>\"$CHAINWEAVE_NODE_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("chainweave-node");
        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        start.ArgumentList.Add("node");
        start.ArgumentList.Add("start");
        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(home);
        start.Environment["CHAINWEAVE_NODE_LOG"] = logPath;
        return start;
    }

    public bool HasExited => Process.HasExited;

    /// <summary>SIGTERM, then SIGKILL if the node has not stopped within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Process.HasExited)
        {
            return;
        }

        PosixProcess.Terminate(Process.Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await Process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose() => Process.Dispose();

    /// <summary>How to run this same program again: the app host itself, or `dotnet chainweave.dll`.</summary>
    private static List<string> SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var command = new List<string> { processPath };
        if (string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.Ordinal))
        {
            command.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("cannot find the entry assembly"));
        }

        return command;
    }
}
