using Chainweave.Core.Errors;

namespace Chainweave.Cli.Contracts;

/// <summary>
/// Compiles an AssemblyScript contract project: installs the pinned compiler from the lock file when
/// node_modules lacks it, then runs asc with the settings the engine expects (stub runtime: one fresh
/// instance per call never needs to free memory).
/// </summary>
internal static class ContractBuildRunner
{
    public const string NodeHint = "install Node.js 20 or later (with npm) and make sure `node` and `npm` are on PATH";

    public static readonly IReadOnlyList<string> CompilerFlags = ["--runtime", "stub", "-O3", "--noAssert"];

    private static readonly string AscScript = Path.Combine("node_modules", "assemblyscript", "bin", "asc.js");

    /// <summary>Builds the project in <paramref name="path"/> and returns the module's full path.</summary>
    /// <param name="progress">Receives a line before each slow step.</param>
    public static async Task<string> BuildAsync(string path, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var project = ResolveProject(path);
        var entry = EntryFile(project);
        var name = ModuleName(project);
        await EnsureCompilerAsync(project, progress, ct).ConfigureAwait(false);

        var output = Path.Combine(project, "build", name + ".wasm");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var arguments = new List<string> { Path.Combine(project, AscScript), entry, "--outFile", output };
        arguments.AddRange(CompilerFlags);
        var compile = await ToolProcess.RunAsync("node", arguments, project, NodeHint, ct).ConfigureAwait(false);
        if (compile.ExitCode != 0 || !File.Exists(output))
        {
            throw new ChainError(ContractErrorCodes.BuildFailed,
                $"the AssemblyScript compiler failed on {entry} (exit {compile.ExitCode}):\n{ToolProcess.Tail(compile.Output)}");
        }

        return output;
    }

    /// <summary>The project folder; a path to its index.ts is accepted too.</summary>
    public static string ResolveProject(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && full.EndsWith(".ts", StringComparison.Ordinal))
        {
            full = Path.GetDirectoryName(full)!;
            if (string.Equals(Path.GetFileName(full), "assembly", StringComparison.Ordinal))
            {
                full = Path.GetDirectoryName(full)!;
            }
        }

        if (!Directory.Exists(full))
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid, $"no contract project at {full}: create one with `contract new NAME`");
        }

        if (!File.Exists(Path.Combine(full, "package.json")))
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid,
                $"{full} has no package.json, so it is not a contract project; `contract new NAME` creates one");
        }

        return full;
    }

    private static string EntryFile(string project)
    {
        foreach (var candidate in new[] { "index.ts", Path.Combine("assembly", "index.ts") })
        {
            var file = Path.Combine(project, candidate);
            if (File.Exists(file))
            {
                return file;
            }
        }

        throw new ChainError(CliErrorCodes.ArgumentInvalid, $"{project} has no index.ts (nor assembly/index.ts): the contract's methods are exported from there");
    }

    /// <summary>package.json's name (what `contract new` wrote), else the folder's name.</summary>
    private static string ModuleName(string project)
    {
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(project, "package.json")))?["name"]?.GetValue<string>() is { Length: > 0 } name
                && name.AsSpan().IndexOfAny(['/', '\\', '@']) < 0)
            {
                return name;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // npm will report the broken package.json in its own words; the folder name will do here.
        }

        return Path.GetFileName(project.TrimEnd(Path.DirectorySeparatorChar)) is { Length: > 0 } folder ? folder : "contract";
    }

    private static async Task EnsureCompilerAsync(string project, Action<string> progress, CancellationToken ct)
    {
        if (File.Exists(Path.Combine(project, AscScript)))
        {
            return;
        }

        // npm ci installs exactly the lock file's versions; --prefer-offline lets it work from the npm cache without a network.
        var locked = File.Exists(Path.Combine(project, "package-lock.json"));
        IReadOnlyList<string> arguments = locked
            ? ["ci", "--no-audit", "--no-fund", "--prefer-offline"]
            : ["install", "--no-audit", "--no-fund", "--prefer-offline"];
        progress($"installing the AssemblyScript compiler (npm {arguments[0]}) in {project}");
        var install = await ToolProcess.RunAsync("npm", arguments, project, NodeHint, ct).ConfigureAwait(false);
        if (install.ExitCode != 0 || !File.Exists(Path.Combine(project, AscScript)))
        {
            throw new ChainError(ContractErrorCodes.BuildFailed,
                $"`npm {arguments[0]}` in {project} failed (exit {install.ExitCode}); without a network it needs the packages in the npm cache:\n{ToolProcess.Tail(install.Output)}");
        }
    }
}
