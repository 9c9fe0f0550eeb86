using System.Formats.Asn1;
using System.Numerics;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Core.Crypto;
using Chainweave.Core.Identity;
using Chainweave.Sdk;
using Google.Protobuf;

namespace Chainweave.Node.Tests;

/// <summary>
/// Every kind of bad transaction gets its typed code, the node keeps serving, and nothing committed changes.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private TestNetwork _net = null!;
    private ChainClient _client = null!;
    private TransactionBuilder _builder = null!;

    public async Task InitializeAsync()
    {
        _net = await TestNetwork.StartAsync();
        _client = _net.Client();
        _builder = _net.Builder();
        var seed = await _client.SubmitAsync(EvidenceClient.BuildPut(_builder, "seed", "00", null), true, Wait);
        Assert.Equal(TxStatus.Success, seed.Result.Status);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _net.DisposeAsync();
    }

    [Fact]
    public async Task Malformed_protobuf_is_refused()
    {
        await AssertRejectedAsync(new byte[] { 0x0a, 0xff, 0xff, 0xff, 0x01, 0x02 }, "TX_MALFORMED");
    }

    [Fact]
    public async Task Wrong_chain_id_is_refused()
    {
        var other = new TransactionBuilder("another-chain", _builder.Identity);
        await AssertRejectedAsync(EvidenceClient.BuildPut(other, "x", "00", null).Envelope, "TX_WRONG_CHAIN");
    }

    [Fact]
    public async Task A_signature_over_other_bytes_is_refused()
    {
        var tx = EvidenceClient.BuildPut(_builder, "x", "00", null);
        var envelope = TxEnvelope.Parser.ParseFrom(tx.Envelope);
        var other = EvidenceClient.BuildPut(_builder, "y", "00", null);
        envelope.Signature = TxEnvelope.Parser.ParseFrom(other.Envelope).Signature;
        await AssertRejectedAsync(envelope.ToByteArray(), "TX_BAD_SIGNATURE");
    }

    [Fact]
    public async Task A_high_s_ecdsa_signature_is_refused()
    {
        var tx = EvidenceClient.BuildPut(_builder, "x", "00", null);
        var envelope = TxEnvelope.Parser.ParseFrom(tx.Envelope);
        envelope.Signature = ByteString.CopyFrom(WithHighS(envelope.Signature.ToByteArray()));
        await AssertRejectedAsync(envelope.ToByteArray(), "TX_HIGH_S_SIGNATURE");
    }

    [Fact]
    public async Task A_member_from_an_unknown_ca_is_refused()
    {
        var stranger = new CertificateIssuer("nist", DateTimeOffset.UtcNow);
        var ca = stranger.CreateRootCa("org1");
        using var identity = WriteIdentity(stranger.Issue(ca, "mallory", "org1", MemberRole.Client));
        await AssertRejectedAsync(EvidenceClient.BuildPut(_net.Builder(identity), "x", "00", null).Envelope, "TX_UNKNOWN_MEMBER");
    }

    [Fact]
    public async Task An_expired_member_is_refused()
    {
        var ca = OrgCa();
        var past = new CertificateIssuer("nist", DateTimeOffset.UtcNow.AddDays(-30));
        using var identity = WriteIdentity(past.Issue(ca, "old", "org1", MemberRole.Client, TimeSpan.FromDays(1)));
        await AssertRejectedAsync(EvidenceClient.BuildPut(_net.Builder(identity), "x", "00", null).Envelope, "TX_MEMBER_EXPIRED");
    }

    [Fact]
    public async Task A_member_revoked_by_its_admin_is_refused_from_then_on()
    {
        var issuer = new CertificateIssuer("nist", DateTimeOffset.UtcNow);
        using var victim = WriteIdentity(issuer.Issue(OrgCa(), "leaver", "org1", MemberRole.Client));
        var victimBuilder = _net.Builder(victim);
        var before = await _client.SubmitAsync(EvidenceClient.BuildPut(victimBuilder, "leaver-1", "01", null), true, Wait);
        Assert.Equal(TxStatus.Success, before.Result.Status);

        using var admin = _net.Identity("admin1");
        var revoke = _net.Builder(admin).Invoke("CERT_MANAGE", "revoke", TxArgs.Utf8("certHash", Convert.ToHexStringLower(_net.Suite.Hash(victim.CertificateDer))));
        var revoked = await _client.SubmitAsync(revoke, true, Wait);
        Assert.Equal(TxStatus.Success, revoked.Result.Status);

        await AssertRejectedAsync(EvidenceClient.BuildPut(victimBuilder, "leaver-2", "02", null).Envelope, "TX_MEMBER_REVOKED");
    }

    [Fact]
    public async Task A_client_cannot_revoke_a_certificate()
    {
        var revoke = _builder.Invoke("CERT_MANAGE", "revoke", TxArgs.Utf8("certHash", Convert.ToHexStringLower(_net.Suite.Hash(_builder.Identity.CertificateDer))));
        var response = await _client.SubmitAsync(revoke, true, Wait);
        Assert.Equal(TxStatus.ContractError, response.Result.Status);
        Assert.Equal("POLICY_UNSATISFIED", response.Result.Code);
    }

    [Fact]
    public async Task An_oversized_transaction_is_refused()
    {
        var tx = _builder.Invoke("EVIDENCE", "put", TxArgs.Bytes("id", new byte[2 << 20]));
        var response = await _client.SubmitAsync(tx, false, Wait);
        Assert.Equal(SubmitStatus.Rejected, response.Status);
        Assert.Equal("TX_TOO_LARGE", response.Code);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_duplicate_transaction_is_refused_after_commit_and_while_pooled()
    {
        var tx = EvidenceClient.BuildPut(_builder, "dup", "00", null);
        var first = await _client.SubmitAsync(tx, true, Wait);
        Assert.Equal(SubmitStatus.Committed, first.Status);
        await AssertRejectedAsync(tx.Envelope, "TX_DUPLICATE");
    }

    [Theory]
    [InlineData(-3600, "TX_STALE_TIMESTAMP")]
    [InlineData(3600, "TX_FUTURE_TIMESTAMP")]
    public async Task Timestamps_outside_the_window_are_refused(int offsetSeconds, string code)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));
        var skewed = _net.Builder(_builder.Identity, clock);
        await AssertRejectedAsync(EvidenceClient.BuildPut(skewed, "x", "00", null).Envelope, code);
    }

    [Theory]
    [InlineData("NO_SUCH_CONTRACT", "put", "TX_UNKNOWN_CONTRACT")]
    [InlineData("EVIDENCE", "no_such_method", "TX_UNKNOWN_METHOD")]
    public async Task Unknown_contracts_and_methods_are_refused(string contract, string method, string code)
    {
        await AssertRejectedAsync(_builder.Invoke(contract, method).Envelope, code);
    }

    [Fact]
    public async Task Queries_of_unknown_contracts_return_a_typed_error()
    {
        var error = await Assert.ThrowsAsync<Chainweave.Core.Errors.ChainError>(() => _client.QueryAsync("NOPE", "get", []));
        Assert.Equal("TX_UNKNOWN_CONTRACT", error.Code);
    }

    private async Task AssertRejectedAsync(byte[] envelope, string code)
    {
        var height = (await _client.GetChainInfoAsync()).Height;
        var response = await _client.SubmitAsync(new SignedTransaction([], [], envelope), false, Wait);
        Assert.Equal(SubmitStatus.Rejected, response.Status);
        Assert.Equal(code, response.Code);
        Assert.False(string.IsNullOrWhiteSpace(response.Message));
        Assert.Equal(height, (await _client.GetChainInfoAsync()).Height);
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var ok = await _client.SubmitAsync(EvidenceClient.BuildPut(_builder, "ok-" + Guid.NewGuid().ToString("N"), "00", null), true, Wait);
        Assert.Equal(TxStatus.Success, ok.Result.Status);
        Assert.Equal("00", (await new EvidenceClient(_client, _builder).GetAsync("seed")).Hash);
    }

    private IssuedCa OrgCa()
    {
        var folder = Path.Combine(_net.Dir, "orgs", "org1", "ca");
        return new IssuedCa(
            Pem.Decode(File.ReadAllText(Path.Combine(folder, "ca.crt")), Pem.CertificateLabel),
            Pem.Decode(File.ReadAllText(Path.Combine(folder, "ca.key")), Pem.PrivateKeyLabel));
    }

    private ClientIdentity WriteIdentity(IssuedIdentity issued)
    {
        var folder = Path.Combine(_net.Dir, "extra", Guid.NewGuid().ToString("N"));
        IdentityFolder.Write(folder, issued);
        return ClientIdentity.Load(folder, _net.Suite);
    }

    /// <summary>Replaces s by n − s: the same signature in its malleable high-S form.</summary>
    private static byte[] WithHighS(byte[] der)
    {
        var n = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var r = reader.ReadInteger();
        var s = reader.ReadInteger();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(n - s);
        }

        return writer.Encode();
    }
}
