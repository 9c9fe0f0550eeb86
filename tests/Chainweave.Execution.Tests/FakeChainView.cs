using Chainweave.Api.Config;
using Chainweave.Core.Genesis;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.Tests;

/// <summary>A chain of three organisations with the default policies.</summary>
internal sealed class FakeChainView : IChainView
{
    public FakeChainView(params string[] orgs)
    {
        Config = new ChainConfig { ChainId = "test-chain" };
        foreach (var org in orgs.Length == 0 ? ["org1", "org2", "org3"] : orgs)
        {
            Config.Orgs.Add(new Organization { OrgId = org });
        }

        Config.Policies.AddRange(ChainDefaults.Policies());
    }

    public ChainConfig Config { get; }

    public ulong Height => 0;

    public byte[]? GetBlockBytes(ulong height) => null;

    public byte[]? GetTxResultBytes(ReadOnlySpan<byte> txId) => null;

    /// <summary>Certificates registered on chain: hex hash → organisation.</summary>
    public Dictionary<string, string> Certificates { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? CertificateOrg(ReadOnlySpan<byte> certHash) => Certificates.GetValueOrDefault(Convert.ToHexString(certHash));
}
