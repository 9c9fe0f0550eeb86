using System.CommandLine;
using Chainweave.Cli.Contracts;
using Chainweave.Cli.Output;

namespace Chainweave.Cli.Commands;

/// <summary>`contract ...`: write, build, install and call WebAssembly contracts.</summary>
internal static class ContractCommand
{
    public static Command Create(CliConsole console) =>
        new("contract", "WebAssembly contracts: scaffold, build, install and manage, invoke and query")
        {
            CreateNew(console),
            CreateBuild(console),
            ContractCommandLifecycle.CreateInstall(console),
            ContractCommandLifecycle.CreateUpgrade(console),
            ContractCommandLifecycle.CreateFreeze(console),
            ContractCommandLifecycle.CreateUnfreeze(console),
            ContractCommandLifecycle.CreateRevoke(console),
            ContractCommandCalls.CreateInvoke(console),
            ContractCommandCalls.CreateQuery(console),
            ContractCommandInfo.CreateGet(console),
            ContractCommandInfo.CreateList(console),
        };

    private static Command CreateNew(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The contract's name (letters, digits, '-', '_')" };
        var dir = new Option<string?>("--dir") { Description = "Where to create the project (default: ./NAME)", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON" };
        var command = new Command("new", "Create an AssemblyScript contract project: package.json, the SDK, and an index.ts with put and get") { name, dir, json };
        command.SetAction(result =>
        {
            var contract = result.GetValue(name)!;
            ContractScaffold.ValidateName(contract);
            var project = ContractScaffold.Create(contract, result.GetValue(dir), ContractSources.Locate());
            if (result.GetValue(json))
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteString("name", contract);
                    w.WriteString("path", project);
                });
                return 0;
            }

            console.Out.WriteLine($"created contract project {contract} in {project}");
            console.Out.WriteLine($"build it:  {Hints.Program} contract build {Hints.Quote(project)}");
            return 0;
        });
        return command;
    }

    private static Command CreateBuild(CliConsole console)
    {
        var path = new Argument<string>("PATH") { Description = "The project folder (holding package.json and index.ts)", DefaultValueFactory = _ => "." };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON" };
        var command = new Command("build", "Compile a contract project with AssemblyScript (runs npm ci first when the compiler is not installed); prints the .wasm path")
        {
            path, json,
        };
        command.SetAction(async (result, ct) =>
        {
            var asJson = result.GetValue(json);
            var module = await ContractBuildRunner.BuildAsync(result.GetValue(path) ?? ".", line => console.Error.WriteLine(line), ct).ConfigureAwait(false);
            var size = new FileInfo(module).Length;
            if (asJson)
            {
                JsonOutput.Write(console.Out, w =>
                {
                    w.WriteString("wasm", module);
                    w.WriteNumber("bytes", size);
                });
                return 0;
            }

            console.Out.WriteLine(module);
            await console.Error.WriteLineAsync($"built {size:N0} bytes; install it with `{Hints.Program} contract install NAME --wasm {Hints.Quote(module)}`").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
