using System.CommandLine;
using Chainweave.Cli.Output;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>
/// `contract install|upgrade|freeze|unfreeze|revoke`: CONTRACT_MANAGE transactions, sent by an admin and
/// endorsed by admins of enough other organisations to meet the lifecycle policy.
/// </summary>
internal static class ContractCommandLifecycle
{
    public const string DefaultSender = "admin1.org1";
    public const string DefaultVersion = "1.0.0";

    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);
    private static readonly byte[] WasmMagic = [0x00, 0x61, 0x73, 0x6d];

    private delegate Task<ContractSubmission> Operation(ContractClient client, string name, bool wait, CancellationToken ct);

    public static Command CreateInstall(CliConsole console)
    {
        var wasm = WasmOption();
        var version = new Option<string>("--version") { Description = "The version to record", DefaultValueFactory = _ => DefaultVersion, HelpName = "V" };
        var args = new Option<string[]>("--arg") { Description = "An argument for the module's `init` method, if it exports one. " + ContractCommandArgs.HelpText, HelpName = "KEY=VALUE" };
        var command = new Command("install", "Install a WebAssembly contract under NAME (a governed transaction: needs a majority of the organisations' admins)")
        {
            wasm, version, args,
        };
        return Lifecycle(console, command, (result, name) =>
        {
            var module = ReadWasm(result.GetValue(wasm)!);
            var initArgs = ContractCommandArgs.Parse(result.GetValue(args), Directory.GetCurrentDirectory());
            var moduleVersion = result.GetValue(version) ?? DefaultVersion;
            return (client, n, waitForCommit, ct) => client.InstallAsync(n, moduleVersion, module, initArgs, waitForCommit, CommitWait, ct);
        });
    }

    public static Command CreateUpgrade(CliConsole console)
    {
        var wasm = WasmOption();
        var version = new Option<string>("--version") { Description = "The new version to record", Required = true, HelpName = "V" };
        var command = new Command("upgrade", "Replace an installed contract's code, keeping its state (governed like install)") { wasm, version };
        return Lifecycle(console, command, (result, name) =>
        {
            var module = ReadWasm(result.GetValue(wasm)!);
            var moduleVersion = result.GetValue(version)!;
            return (client, n, waitForCommit, ct) => client.UpgradeAsync(n, moduleVersion, module, waitForCommit, CommitWait, ct);
        });
    }

    public static Command CreateFreeze(CliConsole console) =>
        Lifecycle(console, new Command("freeze", "Stop calls to a contract until it is unfrozen (governed)"),
            (_, _) => (client, n, waitForCommit, ct) => client.FreezeAsync(n, waitForCommit, CommitWait, ct));

    public static Command CreateUnfreeze(CliConsole console) =>
        Lifecycle(console, new Command("unfreeze", "Allow calls to a frozen contract again (governed)"),
            (_, _) => (client, n, waitForCommit, ct) => client.UnfreezeAsync(n, waitForCommit, CommitWait, ct));

    public static Command CreateRevoke(CliConsole console) =>
        Lifecycle(console, new Command("revoke", "Retire a contract for good (governed; cannot be undone)"),
            (_, _) => (client, n, waitForCommit, ct) => client.RevokeAsync(n, waitForCommit, CommitWait, ct));

    /// <summary>Organisations in the chain's configuration; network.json's when the node does not say.</summary>
    public static int OrgCount(ClientSession session)
    {
        if (session.Info.Config is { Orgs.Count: > 0 } config)
        {
            return config.Orgs.Count;
        }

        var orgs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in session.Network.Nodes)
        {
            orgs.Add(node.Org);
        }

        foreach (var identity in session.Network.Identities)
        {
            orgs.Add(identity.Org);
        }

        return Math.Max(orgs.Count, 1);
    }

    public static byte[] ReadWasm(string path)
    {
        var full = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid, $"cannot read --wasm {full} ({e.Message}); build one with `{Hints.Program} contract build DIR`", e);
        }

        if (bytes.Length < 8 || !bytes.AsSpan(0, 4).SequenceEqual(WasmMagic))
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid, $"--wasm {full} is not a WebAssembly module (no \\0asm header); give the .wasm that `contract build` printed");
        }

        return bytes;
    }

    private static Option<string> WasmOption() =>
        new("--wasm") { Description = "The compiled module (.wasm), e.g. what `contract build` printed", Required = true, HelpName = "FILE" };

    private static Command Lifecycle(CliConsole console, Command command, Func<ParseResult, string, Operation> prepare)
    {
        var name = new Argument<string>("NAME") { Description = "The contract's name on chain" };
        var endorse = new Option<string?>("--endorse")
        {
            Description = "Identities (user.org, comma-separated) that co-sign; default: admins of other organisations in network.json, as many as a majority needs; `none` for no endorsements",
            HelpName = "ID,ID",
        };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the node accepts the transaction instead of waiting for its commit" };
        command.Add(name);
        command.Add(endorse);
        command.Add(noWait);
        var options = ClientOptions.AddTo(command);
        options.Identity.DefaultValueFactory = _ => DefaultSender;
        options.Identity.Description = "The admin identity that sends the transaction, as user.org";
        command.SetAction(async (result, ct) =>
        {
            var settings = options.Read(result);
            var contract = result.GetValue(name)!;
            var operation = prepare(result, contract);
            var waitForCommit = !result.GetValue(noWait);

            using var session = await ClientSession.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var endorserNames = ContractCommandEndorsers.Choose(session.Network, settings.Identity, result.GetValue(endorse), OrgCount(session));
            using var sender = session.LoadIdentity(settings.Identity);
            var endorsers = new List<ClientIdentity>(endorserNames.Count);
            try
            {
                foreach (var endorserName in endorserNames)
                {
                    endorsers.Add(session.LoadIdentity(endorserName));
                }

                var client = new ContractClient(session.Client, session.NewBuilder(sender), endorsers);
                var submission = await operation(client, contract, waitForCommit, ct).ConfigureAwait(false);
                var followUp = $"{Hints.Program} contract get {Hints.Quote(contract)}{Hints.NetworkArgument(settings.Network)}";
                ContractCommandSubmitView.Write(console, submission, session.Node.Name, settings.Json, CommitWait, followUp, [settings.Identity, .. endorserNames]);
                return 0;
            }
            finally
            {
                foreach (var endorser in endorsers)
                {
                    endorser.Dispose();
                }
            }
        });
        return command;
    }
}
