using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Chainweave.Core.Errors;

namespace Chainweave.Cli.Contracts;

/// <summary>Runs an external tool (node, npm) to completion, capturing its output.</summary>
internal static class ToolProcess
{
    public sealed record Outcome(int ExitCode, string Output);

    /// <exception cref="ChainError">TOOL_MISSING when the program cannot be started (not installed, not on PATH).</exception>
    public static async Task<Outcome> RunAsync(string program, IReadOnlyList<string> arguments, string workingDir, string installHint, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ChainError(ContractErrorCodes.ToolMissing, $"cannot run `{program}` ({e.Message}): {installHint}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return new Outcome(process.ExitCode, output.ToString());
        }
    }

    /// <summary>The last lines of a tool's output: enough to see the error without flooding the terminal.</summary>
    public static string Tail(string output, int lines = 15)
    {
        var all = output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        return string.Join("\n", all.Length <= lines ? all : all[^lines..]);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
