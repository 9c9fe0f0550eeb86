using System.Globalization;
using Chainweave.Cli.Commands;
using Chainweave.Cli.Contracts;
using Chainweave.Core.Errors;
using Chainweave.Core.Identity;
using Chainweave.Sdk;

namespace Chainweave.Cli.Bench;

/// <summary>
/// `bench --workload token`: installs the sample token contract when the chain lacks it, mints to many
/// accounts (the setup phase), then measures transfers between them, each signed by its sender.
/// </summary>
internal static class TokenWorkload
{
    public const string ContractName = "token";

    private static readonly TimeSpan InstallWait = TimeSpan.FromSeconds(60);

    public static async Task<(BenchResult Mint, BenchResult Transfers)> RunAsync(
        ClientSession session, ClientSettings client, BenchSettings settings, int accountCount, Action<string> progress, CancellationToken ct)
    {
        var admin = AdminName(session, client.Identity);
        await EnsureInstalledAsync(session, admin, progress, ct).ConfigureAwait(false);

        progress($"issuing {accountCount} account certificate(s)");
        using var accounts = BenchAccounts.Issue(session.NetworkDir, session.Network, session.Suite, accountCount);
        using var adminIdentity = session.LoadIdentity(admin);
        var adminBuilder = session.NewBuilder(adminIdentity);

        // Enough for every transfer to come from one account, so no transfer fails for want of balance.
        var mintAmount = ((ulong)settings.Txs + 1).ToString(CultureInfo.InvariantCulture);
        var mintSettings = settings with { Txs = accountCount };
        progress($"minting to {accountCount} account(s) as {admin}");
        var mint = await BenchRunner.RunAsync(() => SignMints(adminBuilder, accounts.HolderIds, mintAmount), session.Client.Address, session.Node.Name, mintSettings, ct).ConfigureAwait(false);
        if (mint.Failed > 0)
        {
            var codes = string.Join(", ", mint.FailureCodes.Select(c => $"{c.Key} ×{c.Value}"));
            throw new ChainError(ErrorCodes.Internal, $"{mint.Failed} of {accountCount} mints failed ({codes}); transfers would fail for want of balance");
        }

        var builders = accounts.Identities.Select(session.NewBuilder).ToArray();
        progress($"transferring {settings.Txs:N0} time(s) between {accountCount} account(s)");
        var transfers = await BenchRunner.RunAsync(() => SignTransfers(builders, accounts.HolderIds, settings.Txs), session.Client.Address, session.Node.Name, settings, ct).ConfigureAwait(false);
        return (mint, transfers);
    }

    public static SignedTransaction[] SignMints(TransactionBuilder admin, IReadOnlyList<byte[]> holders, string amount)
    {
        var transactions = new SignedTransaction[holders.Count];
        Parallel.For(0, holders.Count, i =>
            transactions[i] = admin.Invoke(ContractName, "mint", TxArgs.Bytes("to", holders[i]), TxArgs.Utf8("amount", amount)));
        return transactions;
    }

    /// <summary>Transfer i goes from account i mod A to an account a varying distance ahead, never itself.</summary>
    public static SignedTransaction[] SignTransfers(IReadOnlyList<TransactionBuilder> senders, IReadOnlyList<byte[]> holders, int count)
    {
        var accounts = senders.Count;
        var transactions = new SignedTransaction[count];
        Parallel.For(0, count, i =>
        {
            var from = i % accounts;
            var to = accounts == 1 ? from : (from + 1 + ((i / accounts) % (accounts - 1))) % accounts;
            transactions[i] = senders[from].Invoke(ContractName, "transfer", TxArgs.Bytes("to", holders[to]), TxArgs.Utf8("amount", "1"));
        });
        return transactions;
    }

    /// <summary>Minting needs the admin role: the bench identity when it is an admin, else admin1.org1.</summary>
    private static string AdminName(ClientSession session, string identity) =>
        session.Network.FindIdentity(identity) is { } entry && string.Equals(entry.Role, MemberRoles.AdminText, StringComparison.Ordinal)
            ? identity
            : ContractCommandLifecycle.DefaultSender;

    private static async Task EnsureInstalledAsync(ClientSession session, string admin, Action<string> progress, CancellationToken ct)
    {
        try
        {
            await new ContractClient(session.Client).GetAsync(ContractName, ct).ConfigureAwait(false);
            return;
        }
        catch (ChainError e) when (e.Code == ErrorCodes.UnknownContract || e.Code.Contains("NOT_FOUND", StringComparison.Ordinal))
        {
            // Not installed yet: install it below.
        }

        var wasm = await TokenModuleAsync(progress, ct).ConfigureAwait(false);
        var endorserNames = ContractCommandEndorsers.Choose(session.Network, admin, null, ContractCommandLifecycle.OrgCount(session));
        using var sender = session.LoadIdentity(admin);
        var endorsers = endorserNames.Select(session.LoadIdentity).ToList();
        try
        {
            progress($"installing the sample token contract as `{ContractName}` ({admin} + {string.Join(", ", endorserNames)})");
            var client = new ContractClient(session.Client, session.NewBuilder(sender), endorsers);
            var submission = await client.InstallAsync(ContractName, "1.0.0", await File.ReadAllBytesAsync(wasm, ct).ConfigureAwait(false), null, true, InstallWait, ct).ConfigureAwait(false);
            if (!submission.Succeeded)
            {
                var response = submission.Response;
                var code = response.Code.Length > 0 ? response.Code : response.Result?.Code ?? "";
                var message = response.Message.Length > 0 ? response.Message : response.Result?.Message ?? "";
                throw new ChainError(code.Length > 0 ? code : ErrorCodes.Internal, $"installing the token contract failed: {message}");
            }
        }
        finally
        {
            endorsers.ForEach(e => e.Dispose());
        }
    }

    /// <summary>contracts/build/token.wasm of the checkout, compiled with contracts/build.sh when missing.</summary>
    private static async Task<string> TokenModuleAsync(Action<string> progress, CancellationToken ct)
    {
        var contracts = ContractSources.Locate();
        var wasm = Path.Combine(contracts, "build", "token.wasm");
        if (File.Exists(wasm))
        {
            return wasm;
        }

        progress($"building the sample contracts ({Path.Combine(contracts, "build.sh")})");
        var build = await ToolProcess.RunAsync("bash", ["build.sh"], contracts, ContractBuildRunner.NodeHint, ct).ConfigureAwait(false);
        if (build.ExitCode != 0 || !File.Exists(wasm))
        {
            throw new ChainError(ContractErrorCodes.BuildFailed, $"contracts/build.sh failed (exit {build.ExitCode}):\n{ToolProcess.Tail(build.Output)}");
        }

        return wasm;
    }
}
