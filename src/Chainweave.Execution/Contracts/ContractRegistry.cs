using System.Collections.Concurrent;
using Chainweave.Execution.State;
using Chainweave.Execution.SystemContracts;

namespace Chainweave.Execution.Contracts;

/// <summary>
/// The contracts a node can call, by name: native system contracts fixed at start-up, plus the
/// contracts installed through CONTRACT_MANAGE, whose metadata and code live in its state.
/// Installed contracts are resolved through whatever state the caller executes against, so an
/// install earlier in a block is visible to the block's later transactions. Loaded contracts are
/// cached by name and metadata bytes; compiled code is cached by code hash in the engine.
/// </summary>
public sealed class ContractRegistry
{
    private const int MaxCachedContracts = 1024;

    private readonly Dictionary<string, IContract> _contracts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reservedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly IContractCodeLoader? _loader;
    private readonly ConcurrentDictionary<string, CachedContract> _installed = new(StringComparer.Ordinal);

    /// <summary>Only the given native contracts; nothing can be installed.</summary>
    public ContractRegistry(IEnumerable<IContract> contracts)
        : this(contracts, loader: null, chain: null)
    {
    }

    /// <summary>
    /// The given native contracts plus CONTRACT_MANAGE, which installs code through
    /// <paramref name="loader"/> under the policies of <paramref name="chain"/>'s config.
    /// </summary>
    public ContractRegistry(IEnumerable<IContract> contracts, IContractCodeLoader? loader, IChainView? chain)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        foreach (var contract in contracts)
        {
            Add(contract);
        }

        _loader = loader;
        if (loader is not null && chain is not null && !_contracts.ContainsKey(ContractManageContract.ContractName))
        {
            Add(new ContractManageContract(chain, loader, IsSystemName));
        }
    }

    /// <summary>A native system contract by name (installed contracts need <see cref="Resolve"/>).</summary>
    public IContract? Find(string name) => _contracts.TryGetValue(name, out var contract) ? contract : null;

    /// <summary>The native system contracts' names.</summary>
    public IReadOnlyCollection<string> Names => _contracts.Keys;

    /// <summary>True when <paramref name="name"/> is a system contract's name (case-insensitively, so none can be imitated).</summary>
    public bool IsSystemName(string name) => _reservedNames.Contains(name);

    /// <summary>
    /// The contract <paramref name="name"/> as of <paramref name="state"/>: a system contract, an
    /// active installed one, or a refusal — unknown (TX_UNKNOWN_CONTRACT), CONTRACT_FROZEN or
    /// CONTRACT_REVOKED. Loading new code may throw a ChainError (WASM_*): installed code was
    /// validated at install, so that is a node failure, not a transaction result.
    /// </summary>
    public ContractResolution Resolve(string name, IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_contracts.TryGetValue(name, out var system))
        {
            return ContractResolution.Found(system);
        }

        if (_loader is null)
        {
            return ContractResolution.Unknown(name);
        }

        var meta = state.Get(ContractManageContract.ContractName, ContractRecord.MetaKey(name));
        if (meta is null)
        {
            return ContractResolution.Unknown(name);
        }

        if (_installed.TryGetValue(name, out var cached) && cached.Meta.AsSpan().SequenceEqual(meta))
        {
            return cached.Resolution;
        }

        var resolution = Load(name, meta, state);
        if (_installed.Count >= MaxCachedContracts)
        {
            _installed.Clear();
        }

        _installed[name] = new CachedContract(meta, resolution);
        return resolution;
    }

    private ContractResolution Load(string name, byte[] meta, IStateReader state)
    {
        var record = ContractRecord.TryDecode(meta);
        if (record is null)
        {
            return ContractResolution.Unknown(name);
        }

        switch (record.Status)
        {
            case ContractRecord.Frozen:
                return ContractResolution.Refused(ContractManageContract.FrozenCode, $"Contract '{name}' is frozen; an unfreeze through CONTRACT_MANAGE makes it callable again.");
            case ContractRecord.Revoked:
                return ContractResolution.Refused(ContractManageContract.RevokedCode, $"Contract '{name}' was revoked and can never be called again.");
        }

        // Only a cache miss reads the code: it must not count as a read (see IUntrackedStateReader).
        var codeKey = ContractRecord.CodeKey(record.CodeHash);
        var code = state is IUntrackedStateReader untracked
            ? untracked.GetUntracked(ContractManageContract.ContractName, codeKey)
            : state.Get(ContractManageContract.ContractName, codeKey);
        if (code is null)
        {
            return ContractResolution.Unknown(name);
        }

        return ContractResolution.Found(new InstalledContract(_loader!.Load(name, record.CodeHash, code), record));
    }

    private void Add(IContract contract)
    {
        _contracts.Add(contract.Name, contract);
        _reservedNames.Add(contract.Name);
    }

    private sealed record CachedContract(byte[] Meta, ContractResolution Resolution);
}
