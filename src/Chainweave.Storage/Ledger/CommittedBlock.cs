using Chainweave.Api.Ledger;

namespace Chainweave.Storage.Ledger;

/// <summary>
/// Everything written for one block. <see cref="TxIds"/> and <see cref="Results"/> are parallel to
/// <c>Block.Txs</c>; <see cref="StateWrites"/> are applied in order, so a later write to the same key wins.
/// </summary>
public sealed record CommittedBlock(
    Block Block,
    byte[] Hash,
    BlockHeader Header,
    IReadOnlyList<byte[]> TxIds,
    IReadOnlyList<TxResult> Results,
    IReadOnlyList<StateWrite> StateWrites,
    IReadOnlyList<CertificateRecord> NewCertificates);
