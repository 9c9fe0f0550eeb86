using System.Diagnostics;
using System.Reflection;

namespace Chainweave.Contracts.Wasm.Tests;

/// <summary>
/// The compiled sample contracts from contracts/build, built once with contracts/build.sh when
/// missing; and one engine shared by the tests that use it.
/// </summary>
public sealed class Samples : IDisposable
{
    public Samples()
    {
        var root = RepoRoot();
        var build = Path.Combine(root, "contracts", "build");
        string[] names = ["evidence", "token", "kv"];
        if (names.Any(n => !File.Exists(Path.Combine(build, n + ".wasm"))))
        {
            RunBuildScript(Path.Combine(root, "contracts", "build.sh"));
        }

        Evidence = File.ReadAllBytes(Path.Combine(build, "evidence.wasm"));
        Token = File.ReadAllBytes(Path.Combine(build, "token.wasm"));
        Kv = File.ReadAllBytes(Path.Combine(build, "kv.wasm"));
        Engine = new WasmEngine();
    }

    public byte[] Evidence { get; }

    public byte[] Token { get; }

    public byte[] Kv { get; }

    public WasmEngine Engine { get; }

    public void Dispose() => Engine.Dispose();

    public static string RepoRoot()
    {
        var source = typeof(Samples).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), source })
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

    private static void RunBuildScript(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"contracts/build.sh failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SamplesCollection : ICollectionFixture<Samples>
{
    public const string Name = "Sample contracts";
}
