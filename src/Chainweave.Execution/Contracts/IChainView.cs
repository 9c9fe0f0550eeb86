using Chainweave.Api.Config;

namespace Chainweave.Execution.Contracts;

/// <summary>Read access to the committed ledger for system contracts.</summary>
public interface IChainView
{
    ChainConfig Config { get; }

    /// <summary>Height of the last committed block.</summary>
    ulong Height { get; }

    /// <summary>Encoded Block at a height, or null.</summary>
    byte[]? GetBlockBytes(ulong height);

    /// <summary>Encoded TxResult of a committed transaction, or null.</summary>
    byte[]? GetTxResultBytes(ReadOnlySpan<byte> txId);

    /// <summary>The organisation (certificate subject O) of a certificate registered on chain, or null.</summary>
    string? CertificateOrg(ReadOnlySpan<byte> certHash);
}
