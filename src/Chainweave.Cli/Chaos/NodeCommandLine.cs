using System.Reflection;
using Chainweave.Core.Errors;

namespace Chainweave.Cli.Chaos;

/// <summary>
/// How to run `chainweave` for a node process: this very program when it is chainweave, otherwise (the CLI
/// hosted in process, e.g. by a test runner) the chainweave.dll next to this assembly, run by dotnet.
/// </summary>
internal static class NodeCommandLine
{
    private const string AssemblyName = "chainweave";

    public static IReadOnlyList<string> Resolve()
    {
        var processPath = Environment.ProcessPath;
        var entry = Assembly.GetEntryAssembly();
        var runningChainweave = string.Equals(entry?.GetName().Name, AssemblyName, StringComparison.Ordinal);
        var underDotnet = processPath is not null && string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.Ordinal);
        if (runningChainweave && processPath is not null)
        {
            return underDotnet ? [processPath, entry!.Location] : [processPath];
        }

        var dll = Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new ChainError(ErrorCodes.Unavailable, $"cannot start node processes: {dll} does not exist");
        }

        // The test host knows where its dotnet is; fall back to the one on PATH.
        var dotnet = underDotnet ? processPath! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return [dotnet, dll];
    }
}
