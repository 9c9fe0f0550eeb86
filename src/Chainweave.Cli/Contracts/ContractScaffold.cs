using System.Text.Json;
using System.Text.Json.Nodes;
using Chainweave.Core.Errors;

namespace Chainweave.Cli.Contracts;

/// <summary>
/// `contract new`: a self-contained AssemblyScript project — package.json and lock file pinned to the
/// compiler version the sample contracts use, a copy of the SDK, and a starter index.ts.
/// </summary>
internal static class ContractScaffold
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the project and returns its full path.</summary>
    /// <exception cref="ChainError">ARGUMENT_INVALID for a bad name or a non-empty target folder; CONTRACT_SDK_MISSING without the SDK.</exception>
    public static string Create(string name, string? dir, string contractsDir)
    {
        ValidateName(name);
        var project = Path.GetFullPath(dir ?? name);
        if (Directory.Exists(project) && Directory.EnumerateFileSystemEntries(project).Any())
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid, $"{project} already exists and is not empty: choose another --dir or remove it");
        }

        Directory.CreateDirectory(project);
        var packageName = name.ToLowerInvariant();
        var compilerVersion = CompilerVersion(contractsDir);
        File.WriteAllText(Path.Combine(project, "package.json"), PackageJson(packageName, compilerVersion));
        var lockFile = Path.Combine(contractsDir, "package-lock.json");
        if (File.Exists(lockFile))
        {
            File.WriteAllText(Path.Combine(project, "package-lock.json"), RenamedLock(File.ReadAllText(lockFile), packageName));
        }

        CopySdk(ContractSources.SdkDir(contractsDir), Path.Combine(project, "sdk"));
        File.WriteAllText(Path.Combine(project, "index.ts"), ContractTemplates.IndexTs(name));
        File.WriteAllText(Path.Combine(project, ".gitignore"), "node_modules/\nbuild/\n");
        File.WriteAllText(Path.Combine(project, "README.md"), ContractTemplates.Readme(name));
        return project;
    }

    /// <summary>Contract names: a letter, then letters, digits, '-' or '_' (at most 64), so the name works on chain, in npm and as a folder.</summary>
    public static void ValidateName(string name)
    {
        var valid = name.Length is > 0 and <= 64 && char.IsAsciiLetter(name[0]);
        foreach (var c in name)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
        }

        if (!valid)
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid,
                $"contract name `{name}` is not usable: start with a letter and use only letters, digits, '-' and '_' (at most 64), e.g. `mykv`");
        }
    }

    /// <summary>The assemblyscript version pinned in the checkout's contracts/package.json.</summary>
    public static string CompilerVersion(string contractsDir)
    {
        var file = Path.Combine(contractsDir, "package.json");
        var package = JsonNode.Parse(File.ReadAllText(file));
        var version = package?["devDependencies"]?["assemblyscript"]?.GetValue<string>() ?? package?["dependencies"]?["assemblyscript"]?.GetValue<string>();
        return version ?? throw new ChainError(ContractErrorCodes.SdkMissing, $"{file} pins no assemblyscript version");
    }

    private static string PackageJson(string packageName, string compilerVersion)
    {
        var package = new JsonObject
        {
            ["name"] = packageName,
            ["version"] = "0.1.0",
            ["private"] = true,
            ["description"] = "A Chainweave WebAssembly contract in AssemblyScript.",
            ["scripts"] = new JsonObject
            {
                ["build"] = $"asc index.ts --outFile build/{packageName}.wasm {string.Join(' ', ContractBuildRunner.CompilerFlags)}",
            },
            ["devDependencies"] = new JsonObject { ["assemblyscript"] = compilerVersion },
        };
        return package.ToJsonString(Indented) + "\n";
    }

    // npm ci wants the lock file's root entry to match package.json; the dependency tree is the samples' exactly.
    private static string RenamedLock(string lockJson, string packageName)
    {
        var root = JsonNode.Parse(lockJson)!.AsObject();
        root["name"] = packageName;
        if (root["packages"]?[""] is JsonObject self)
        {
            self["name"] = packageName;
        }

        return root.ToJsonString(Indented) + "\n";
    }

    private static void CopySdk(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*.ts"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
