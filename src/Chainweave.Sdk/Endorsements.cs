using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Google.Protobuf;

namespace Chainweave.Sdk;

/// <summary>
/// Endorsements: further members signing a transaction's exact payload bytes, so a governed call can
/// carry the approvals its policy needs (offline multi-signature). The payload is never re-encoded.
/// </summary>
public static class Endorsements
{
    /// <summary>One endorser's signature over the payload bytes.</summary>
    /// <exception cref="ChainError">IDENTITY_INVALID when the endorser's key is of another crypto suite than the chain's.</exception>
    public static Endorsement Sign(ReadOnlySpan<byte> payload, ClientIdentity endorser, ICryptoSuite chainSuite)
    {
        ArgumentNullException.ThrowIfNull(endorser);
        ArgumentNullException.ThrowIfNull(chainSuite);
        if (!string.Equals(endorser.Suite.Name, chainSuite.Name, StringComparison.Ordinal))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid,
                $"endorser of {endorser.OrgId} uses the `{endorser.Suite.Name}` crypto suite but the chain uses `{chainSuite.Name}`");
        }

        return new Endorsement
        {
            Signer = endorser.Member,
            Signature = ByteString.CopyFrom(endorser.Signer.Sign(payload)),
        };
    }

    /// <summary>
    /// Adds an endorsement to an already signed transaction: a co-signer who received the transaction
    /// (e.g. as a file) signs the same payload bytes; the tx id does not change.
    /// </summary>
    public static SignedTransaction Add(SignedTransaction transaction, ClientIdentity endorser)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(endorser);
        var envelope = TxEnvelope.Parser.ParseFrom(transaction.Envelope);
        envelope.Endorsements.Add(Sign(transaction.Payload, endorser, endorser.Suite));
        return new SignedTransaction(transaction.TxId, transaction.Payload, envelope.ToByteArray());
    }
}
