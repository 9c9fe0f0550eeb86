namespace Chainweave.Execution.Contracts;

/// <summary>The contracts a node can call, by name. Built once at start-up by the node's wiring.</summary>
public sealed class ContractRegistry
{
    private readonly Dictionary<string, IContract> _contracts = new(StringComparer.Ordinal);

    public ContractRegistry(IEnumerable<IContract> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        foreach (var contract in contracts)
        {
            _contracts.Add(contract.Name, contract);
        }
    }

    public IContract? Find(string name) => _contracts.TryGetValue(name, out var contract) ? contract : null;

    public IReadOnlyCollection<string> Names => _contracts.Keys;
}
