using Chainweave.Api.Config;
using Chainweave.Core.Identity;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.SystemContracts;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Node.Chain;

/// <summary>The ledger as system contracts and member checks see it.</summary>
public sealed class LedgerChainView : IChainView, ICertificateLookup, IRevocationList
{
    private readonly LedgerStore _ledger;

    public LedgerChainView(LedgerStore ledger, ChainConfig config)
    {
        _ledger = ledger;
        Config = config;
    }

    public ChainConfig Config { get; }

    public ulong Height => _ledger.Height ?? 0;

    public byte[]? GetBlockBytes(ulong height) => _ledger.GetBlockBytes(height);

    public byte[]? GetTxResultBytes(ReadOnlySpan<byte> txId) => _ledger.GetTxResult(txId)?.ToByteArray();

    public string? CertificateOrg(ReadOnlySpan<byte> certHash)
    {
        var der = _ledger.GetCertificate(certHash);
        return der is null ? null : CertificateInfo.OrganisationOf(der);
    }

    public byte[]? FindCertificate(ReadOnlySpan<byte> certHash) => _ledger.GetCertificate(certHash);

    public bool IsRevoked(ReadOnlySpan<byte> certHash) =>
        _ledger.GetState(CertManageContract.ContractName, CertManageContract.RevokedKey(certHash)) is not null;
}
