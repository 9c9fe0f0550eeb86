using System.Diagnostics;
using System.Reflection;
using Chainweave.Contracts.Wasm;
using Chainweave.Execution.Scheduling;

namespace Chainweave.Execution.Tests;

/// <summary>The compiled sample contracts (contracts/build, built with contracts/build.sh when missing) and one engine for the tests.</summary>
public sealed class SampleContracts : IDisposable
{
    public SampleContracts()
    {
        var root = RepoRoot();
        var build = Path.Combine(root, "contracts", "build");
        if (!File.Exists(Path.Combine(build, "token.wasm")) || !File.Exists(Path.Combine(build, "kv.wasm")))
        {
            Build(Path.Combine(root, "contracts", "build.sh"));
        }

        Token = File.ReadAllBytes(Path.Combine(build, "token.wasm"));
        Kv = File.ReadAllBytes(Path.Combine(build, "kv.wasm"));
        Engine = new WasmEngine();
    }

    public byte[] Token { get; }

    public byte[] Kv { get; }

    public WasmEngine Engine { get; }

    /// <summary>The executor threads a node uses, so contract tests run where blocks really run.</summary>
    public ExecutionWorkers Workers { get; } = new(2);

    public void Dispose()
    {
        Workers.Dispose();
        Engine.Dispose();
    }

    private static string RepoRoot()
    {
        var source = typeof(SampleContracts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, source })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Chainweave.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Chainweave.slnx).");
    }

    private static void Build(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"contracts/build.sh failed:\n{stdout}\n{stderr.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SampleContractsCollection : ICollectionFixture<SampleContracts>
{
    public const string Name = "Sample contracts";
}
