using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;

namespace Chainweave.Sdk;

/// <summary>
/// WebAssembly contracts: their lifecycle through the CONTRACT_MANAGE system contract (install, upgrade,
/// freeze, unfreeze, revoke — governed, so these carry the endorsements given here), and calls to them.
/// </summary>
public sealed class ContractClient
{
    public const string ManageContract = "CONTRACT_MANAGE";

    /// <summary>Argument names CONTRACT_MANAGE reads itself; init arguments may not reuse them.</summary>
    public static readonly IReadOnlyList<string> ReservedInstallKeys = ["name", "version", "wasm"];

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly ChainClient _client;
    private readonly TransactionBuilder? _builder;
    private readonly IReadOnlyList<ClientIdentity> _endorsers;

    /// <param name="builder">Signs transactions; may be null for a client that only reads.</param>
    /// <param name="endorsers">Co-sign lifecycle transactions (not plain invocations).</param>
    public ContractClient(ChainClient client, TransactionBuilder? builder = null, IReadOnlyList<ClientIdentity>? endorsers = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _builder = builder;
        _endorsers = endorsers ?? [];
    }

    /// <summary>install's arguments: name, version, the module bytes, then any init arguments for the module's `init`.</summary>
    /// <exception cref="ChainError">TX_BAD_ARGUMENT when an init argument reuses a reserved name.</exception>
    public static IReadOnlyList<Arg> InstallArgs(string name, string version, ReadOnlySpan<byte> wasm, IReadOnlyList<Arg>? initArgs = null)
    {
        var args = new List<Arg>(3 + (initArgs?.Count ?? 0));
        args.AddRange(CodeArgs(name, version, wasm));
        foreach (var arg in initArgs ?? [])
        {
            if (ReservedInstallKeys.Contains(arg.Key))
            {
                throw new ChainError(ErrorCodes.BadArgument,
                    $"init argument `{arg.Key}` clashes with install's own `{arg.Key}`; name it differently in the contract's init");
            }

            args.Add(arg);
        }

        return args;
    }

    public static IReadOnlyList<Arg> CodeArgs(string name, string version, ReadOnlySpan<byte> wasm)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        if (wasm.IsEmpty)
        {
            throw new ChainError(ErrorCodes.BadArgument, "the WebAssembly module is empty");
        }

        return [TxArgs.Utf8("name", name), TxArgs.Utf8("version", version), TxArgs.Bytes("wasm", wasm)];
    }

    public Task<ContractSubmission> InstallAsync(string name, string version, byte[] wasm, IReadOnlyList<Arg>? initArgs = null,
        bool wait = true, TimeSpan? timeout = null, CancellationToken ct = default) =>
        ManageAsync("install", InstallArgs(name, version, wasm, initArgs), wait, timeout, ct);

    public Task<ContractSubmission> UpgradeAsync(string name, string version, byte[] wasm, bool wait = true, TimeSpan? timeout = null, CancellationToken ct = default) =>
        ManageAsync("upgrade", CodeArgs(name, version, wasm), wait, timeout, ct);

    public Task<ContractSubmission> FreezeAsync(string name, bool wait = true, TimeSpan? timeout = null, CancellationToken ct = default) =>
        ManageAsync("freeze", NameArgs(name), wait, timeout, ct);

    public Task<ContractSubmission> UnfreezeAsync(string name, bool wait = true, TimeSpan? timeout = null, CancellationToken ct = default) =>
        ManageAsync("unfreeze", NameArgs(name), wait, timeout, ct);

    public Task<ContractSubmission> RevokeAsync(string name, bool wait = true, TimeSpan? timeout = null, CancellationToken ct = default) =>
        ManageAsync("revoke", NameArgs(name), wait, timeout, ct);

    /// <summary>A signed, endorsed lifecycle transaction ready to submit (e.g. to write to a file for more co-signers).</summary>
    public SignedTransaction BuildManage(string method, IReadOnlyList<Arg> args) =>
        RequireBuilder().InvokeEndorsed(ManageContract, method, args, _endorsers);

    /// <summary>An installed contract; a name that is not installed is ChainError(NOT_FOUND or the chain's code).</summary>
    public async Task<ContractInfo> GetAsync(string name, CancellationToken ct = default)
    {
        var value = await _client.QueryAsync(ManageContract, "get", NameArgs(name), ct).ConfigureAwait(false);
        return ContractInfo.Parse(value);
    }

    public async Task<IReadOnlyList<ContractInfo>> ListAsync(CancellationToken ct = default)
    {
        var value = await _client.QueryAsync(ManageContract, "list", [], ct).ConfigureAwait(false);
        return ContractInfo.ParseList(value);
    }

    /// <summary>Calls a contract method in a transaction; with wait the answer carries the result, return value and events.</summary>
    public async Task<ContractSubmission> InvokeAsync(string contract, string method, IReadOnlyList<Arg> args,
        bool wait = true, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var transaction = RequireBuilder().Invoke(contract, method, args);
        var response = await _client.SubmitAsync(transaction, wait, timeout ?? DefaultWait, ct).ConfigureAwait(false);
        return new ContractSubmission(transaction, response);
    }

    /// <summary>Calls a contract method read-only (no transaction) and returns its value.</summary>
    public Task<byte[]> QueryAsync(string contract, string method, IReadOnlyList<Arg> args, CancellationToken ct = default) =>
        _client.QueryAsync(contract, method, args, ct);

    private async Task<ContractSubmission> ManageAsync(string method, IReadOnlyList<Arg> args, bool wait, TimeSpan? timeout, CancellationToken ct)
    {
        var transaction = BuildManage(method, args);
        var response = await _client.SubmitAsync(transaction, wait, timeout ?? DefaultWait, ct).ConfigureAwait(false);
        return new ContractSubmission(transaction, response);
    }

    private TransactionBuilder RequireBuilder() =>
        _builder ?? throw new InvalidOperationException("This ContractClient was created without a TransactionBuilder, so it cannot sign transactions.");

    private static IReadOnlyList<Arg> NameArgs(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return [TxArgs.Utf8("name", name)];
    }
}
