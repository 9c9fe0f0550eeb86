using System.Runtime.CompilerServices;
using Chainweave.Core.Errors;

namespace Chainweave.Cli.Contracts;

/// <summary>
/// Finds the `contracts/` folder of the Chainweave checkout (AssemblyScript SDK, sample contracts, the
/// pinned package.json and lock file), which the scaffold copies and the token bench compiles.
/// </summary>
internal static class ContractSources
{
    /// <summary>Points at a `contracts/` folder explicitly, e.g. when the CLI runs outside the checkout.</summary>
    public const string DirectoryVariable = "CHAINWEAVE_CONTRACTS_DIR";

    /// <summary>The folder holding sdk/index.ts and package.json.</summary>
    /// <exception cref="ChainError">CONTRACT_SDK_MISSING when no candidate holds the SDK.</exception>
    public static string Locate()
    {
        foreach (var candidate in Candidates())
        {
            if (IsContractsDir(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new ChainError(ContractErrorCodes.SdkMissing,
            $"cannot find the contract SDK (contracts/sdk of the Chainweave checkout): run from inside the checkout, or set {DirectoryVariable} to its contracts folder");
    }

    public static string SdkDir(string contractsDir) => Path.Combine(contractsDir, "sdk");

    public static bool IsContractsDir(string dir) =>
        File.Exists(Path.Combine(dir, "sdk", "index.ts")) && File.Exists(Path.Combine(dir, "package.json"));

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            yield return configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, SourceDir() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                yield return Path.Combine(dir.FullName, "contracts");
            }
        }
    }

    // Where this file was compiled from: finds the checkout when the binaries live elsewhere (isolated artifacts folders, tests).
    private static string SourceDir([CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) is { Length: > 0 } dir && Path.IsPathRooted(dir) ? dir : Directory.GetCurrentDirectory();
}
