using Chainweave.Api.Ledger;
using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tests.Simulation;
using Chainweave.Core.Ledger;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Tbft;

public sealed class CommitCertificateVerifierTests
{
    private static readonly byte[] BlockHash = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private readonly TestChain _chain = TestChain.Create(4);
    private readonly CommitCertificateVerifier _verifier;

    public CommitCertificateVerifierTests()
    {
        _verifier = new CommitCertificateVerifier(_chain.Config, _chain.Suite);
    }

    [Fact]
    public void Accepts_two_thirds_plus_one_distinct_validator_signatures()
    {
        Assert.Null(_verifier.Check(Certificate(0, 1, 2), 7, BlockHash));
        Assert.Null(_verifier.Check(Certificate(0, 1, 2, 3), 7, BlockHash));
    }

    [Fact]
    public void Rejects_too_few_signatures()
    {
        Assert.Contains("3 of 4", _verifier.Check(Certificate(0, 1), 7, BlockHash), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_validator_counted_twice()
    {
        Assert.Contains("two votes", _verifier.Check(Certificate(0, 1, 1), 7, BlockHash), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_signatures_made_for_another_chain()
    {
        Assert.Contains("bad signature", _verifier.Check(Certificate("other-chain", 0, 1, 2), 7, BlockHash), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_signature_of_a_non_validator()
    {
        var outsider = TestChain.Create(1);
        var certificate = Certificate(0, 1);
        using var key = outsider.Signer(0);
        certificate.Votes.Add(new Vote
        {
            Validator = ByteString.CopyFrom(outsider.NodeIds[0]),
            Signature = ByteString.CopyFrom(key.Sign(CommitVote.SignedBytes(_chain.Config.ChainId, 7, 0, BlockHash))),
        });
        Assert.Contains("not a validator", _verifier.Check(certificate, 7, BlockHash), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_validator_id_carrying_another_validators_signature()
    {
        var certificate = Certificate(0, 1, 2);
        certificate.Votes[2].Validator = ByteString.CopyFrom(_chain.NodeIds[3]);
        Assert.Contains("bad signature", _verifier.Check(certificate, 7, BlockHash), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_certificate_for_another_height_or_block_or_none()
    {
        Assert.NotNull(_verifier.Check(Certificate(0, 1, 2), 8, BlockHash));
        Assert.NotNull(_verifier.Check(Certificate(0, 1, 2), 7, new byte[32]));
        Assert.NotNull(_verifier.Check(null, 7, BlockHash));
        Assert.False(_verifier.IsValid(Certificate(0, 1), 7, BlockHash));
    }

    private CommitCertificate Certificate(params int[] signers) => Certificate(_chain.Config.ChainId, signers);

    private CommitCertificate Certificate(string chainId, params int[] signers)
    {
        var certificate = new CommitCertificate { Height = 7, Round = 0, BlockHash = ByteString.CopyFrom(BlockHash) };
        foreach (var index in signers)
        {
            using var key = _chain.Signer(index);
            certificate.Votes.Add(new Vote
            {
                Validator = ByteString.CopyFrom(_chain.NodeIds[index]),
                Signature = ByteString.CopyFrom(key.Sign(CommitVote.SignedBytes(chainId, 7, 0, BlockHash))),
            });
        }

        return certificate;
    }
}
