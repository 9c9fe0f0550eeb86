namespace Chainweave.Storage.Ledger;

/// <summary>A certificate first seen in a block, stored so later transactions can name it by hash.</summary>
public sealed record CertificateRecord(byte[] Hash, byte[] Der);
