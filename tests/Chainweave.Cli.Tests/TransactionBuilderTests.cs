using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Sdk;

namespace Chainweave.Cli.Tests;

public sealed class TransactionBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 30, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void TxId_is_the_suite_hash_of_the_exact_payload_bytes_in_the_envelope(string suiteName)
    {
        using var dir = new TempDir();
        var suite = CryptoSuites.Get(suiteName);
        using var identity = ClientIdentity.Load(IdentityFixture.WriteClient(dir, suiteName), suite);
        var builder = new TransactionBuilder("chain1", identity, new ManualClock(Now));

        var tx = builder.Invoke("EVIDENCE", "put", TxArgs.Utf8("id", "a"), TxArgs.Utf8("hash", "ab"));

        var envelope = TxEnvelope.Parser.ParseFrom(tx.Envelope);
        Assert.Equal(tx.Payload, envelope.Payload.ToByteArray());
        Assert.Equal(suite.Hash(tx.Payload), tx.TxId);
        Assert.Equal(Convert.ToHexStringLower(tx.TxId), tx.TxIdHex);
    }

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void The_signature_verifies_over_the_payload_bytes_with_the_certificate_key(string suiteName)
    {
        using var dir = new TempDir();
        var suite = CryptoSuites.Get(suiteName);
        using var identity = ClientIdentity.Load(IdentityFixture.WriteClient(dir, suiteName), suite);
        var tx = new TransactionBuilder("chain1", identity).Invoke("EVIDENCE", "put", TxArgs.Utf8("id", "a"));

        var envelope = TxEnvelope.Parser.ParseFrom(tx.Envelope);
        var verifier = identity.Signer.PublicKey;

        Assert.Equal(SignatureCheck.Valid, verifier.Verify(tx.Payload, envelope.Signature.Span));
        var tampered = (byte[])tx.Payload.Clone();
        tampered[^1] ^= 1;
        Assert.NotEqual(SignatureCheck.Valid, verifier.Verify(tampered, envelope.Signature.Span));
    }

    [Fact]
    public void The_payload_carries_chain_call_ordered_args_sender_and_the_injected_clock_time()
    {
        using var dir = new TempDir();
        var suite = CryptoSuites.Get("nist");
        using var identity = ClientIdentity.Load(IdentityFixture.WriteClient(dir, "nist"), suite);
        var builder = new TransactionBuilder("chain-x", identity, new ManualClock(Now)) { GasLimit = 777 };

        var tx = builder.Invoke("EVIDENCE", "put", TxArgs.Utf8("z", "1"), TxArgs.Utf8("a", "2"), TxArgs.Utf8("m", "3"));
        var payload = TxPayload.Parser.ParseFrom(tx.Payload);

        Assert.Equal("chain-x", payload.ChainId);
        Assert.Equal(TxType.Invoke, payload.Type);
        Assert.Equal(("EVIDENCE", "put"), (payload.Contract, payload.Method));
        Assert.Equal(["z", "a", "m"], payload.Args.Select(a => a.Key));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), payload.TimestampMs);
        Assert.Equal(777UL, payload.GasLimit);
        Assert.Equal("org1", payload.Sender.OrgId);
        Assert.Equal(MemberType.Cert, payload.Sender.Type);
        Assert.Equal(identity.CertificateDer, payload.Sender.Info.ToByteArray());
    }

    [Fact]
    public void Identical_calls_at_the_same_instant_get_different_nonces_and_ids()
    {
        using var dir = new TempDir();
        using var identity = ClientIdentity.Load(IdentityFixture.WriteClient(dir, "nist"), CryptoSuites.Get("nist"));
        var builder = new TransactionBuilder("chain1", identity, new ManualClock(Now));

        var first = builder.Invoke("EVIDENCE", "put", TxArgs.Utf8("id", "a"));
        var second = builder.Invoke("EVIDENCE", "put", TxArgs.Utf8("id", "a"));

        Assert.NotEqual(TxPayload.Parser.ParseFrom(first.Payload).Nonce, TxPayload.Parser.ParseFrom(second.Payload).Nonce);
        Assert.NotEqual(first.TxIdHex, second.TxIdHex);
    }
}
