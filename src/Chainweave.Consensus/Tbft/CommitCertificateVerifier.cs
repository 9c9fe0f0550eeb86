using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Ledger;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// Checks that a commit certificate proves a block final: more than two thirds of the validators,
/// each counted once, signed <see cref="CommitVote.SignedBytes"/> for this chain, height and block.
/// Used by the engine before it trusts a certificate and by block sync.
/// </summary>
public sealed class CommitCertificateVerifier
{
    private readonly TbftValidatorSet _validators;

    public CommitCertificateVerifier(TbftValidatorSet validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        _validators = validators;
    }

    /// <exception cref="Core.Errors.ChainError">CONFIG_INVALID when the config's validators lack usable certificates.</exception>
    public CommitCertificateVerifier(ChainConfig config, ICryptoSuite suite)
        : this(new TbftValidatorSet(config, suite))
    {
    }

    /// <summary>Null when <paramref name="certificate"/> proves <paramref name="blockHash"/> final at <paramref name="height"/>; otherwise why not.</summary>
    public string? Check(CommitCertificate? certificate, ulong height, ReadOnlySpan<byte> blockHash)
    {
        if (certificate is null)
        {
            return "The block has no commit certificate.";
        }

        if (certificate.Height != height)
        {
            return $"The certificate is for height {certificate.Height}, not {height}.";
        }

        if (!certificate.BlockHash.Span.SequenceEqual(blockHash))
        {
            return "The certificate is for another block hash.";
        }

        var signedBytes = CommitVote.SignedBytes(_validators.ChainId, height, certificate.Round, blockHash);
        var seen = new bool[_validators.Count];
        var count = 0;
        foreach (var vote in certificate.Votes)
        {
            var index = _validators.IndexOf(vote.Validator);
            if (index < 0)
            {
                return $"The certificate holds a vote of {Convert.ToHexString(vote.Validator.Span)}, which is not a validator.";
            }

            if (seen[index])
            {
                return $"The certificate holds two votes of validator {Convert.ToHexString(vote.Validator.Span)}.";
            }

            seen[index] = true;
            if (_validators.VerifierAt(index).Verify(signedBytes, vote.Signature.Span) != SignatureCheck.Valid)
            {
                return $"The vote of validator {Convert.ToHexString(vote.Validator.Span)} has a bad signature.";
            }

            count++;
        }

        return count >= _validators.Quorum
            ? null
            : $"The certificate has {count} votes; {_validators.Quorum} of {_validators.Count} validators are needed.";
    }

    public bool IsValid(CommitCertificate? certificate, ulong height, ReadOnlySpan<byte> blockHash) =>
        Check(certificate, height, blockHash) is null;
}
