using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Core.Merkle;
using Chainweave.Sdk;

namespace Chainweave.Node.Tests;

public sealed class EvidenceFlowTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public async Task Evidence_put_commits_and_reads_back_with_a_verifiable_inclusion_proof(string crypto)
    {
        await using var net = await TestNetwork.StartAsync(crypto);
        using var client = net.Client();
        using var identity = net.Identity();
        var builder = net.Builder(identity);
        var hash = Convert.ToHexStringLower(SHA256.HashData("hello"u8));
        var tx = EvidenceClient.BuildPut(builder, "doc-1", hash, "{\"title\":\"contract\"}");

        var response = await client.SubmitAsync(tx, wait: true, Wait);

        Assert.Equal(SubmitStatus.Committed, response.Status);
        Assert.Equal(TxStatus.Success, response.Result.Status);
        Assert.True(response.BlockHeight >= 1);

        var record = await new EvidenceClient(client, builder).GetAsync("doc-1");
        Assert.Equal("doc-1", record.Id);
        Assert.Equal(hash, record.Hash);

        var info = await client.GetTxAsync(tx.TxId);
        Assert.Equal(response.BlockHeight, info.BlockHeight);
        var path = info.Proof.Path.Select(p => p.ToByteArray()).ToList();
        Assert.True(MerkleTree.VerifyProof(net.Suite, tx.TxId, (long)info.Proof.LeafIndex, (long)info.Proof.TreeSize, path, info.Proof.Root.Span));
        var block = await client.GetBlockAsync(response.BlockHeight);
        Assert.Equal(block.Header.TxRoot, info.Proof.Root);
        Assert.Equal(net.Suite.Hash(block.Block.Header.Span), block.Hash.ToByteArray());
        Assert.Single(block.Block.Certificate.Votes);
    }

    [Fact]
    public async Task A_second_write_of_the_same_evidence_id_fails_and_keeps_the_first()
    {
        await using var net = await TestNetwork.StartAsync();
        using var client = net.Client();
        var builder = net.Builder();
        var first = await client.SubmitAsync(EvidenceClient.BuildPut(builder, "same", "aa", null), true, Wait);
        var second = await client.SubmitAsync(EvidenceClient.BuildPut(builder, "same", "bb", null), true, Wait);

        Assert.Equal(TxStatus.Success, first.Result.Status);
        Assert.Equal(SubmitStatus.Committed, second.Status);
        Assert.Equal(TxStatus.ContractError, second.Result.Status);
        Assert.Equal("EVIDENCE_EXISTS", second.Result.Code);
        var record = await new EvidenceClient(client, builder).GetAsync("same");
        Assert.Equal("aa", record.Hash);
    }

    [Fact]
    public async Task Committed_blocks_and_state_survive_a_restart_and_the_chain_goes_on()
    {
        await using var net = await TestNetwork.StartAsync();
        var builder = net.Builder();
        SubmitResponse committed;
        using (var client = net.Client())
        {
            committed = await client.SubmitAsync(EvidenceClient.BuildPut(builder, "persist", "0011", null), true, Wait);
        }

        await net.StopNodeAsync();
        await net.StartNodeAsync();

        using var again = net.Client();
        var info = await again.GetChainInfoAsync();
        Assert.Equal(committed.BlockHeight, info.Height);
        Assert.Equal("0011", (await new EvidenceClient(again, builder).GetAsync("persist")).Hash);
        var next = await again.SubmitAsync(EvidenceClient.BuildPut(builder, "after", "22", null), true, Wait);
        Assert.Equal(committed.BlockHeight + 1, next.BlockHeight);
        var previous = await again.GetBlockAsync(committed.BlockHeight);
        var latest = await again.GetBlockAsync(next.BlockHeight);
        Assert.Equal(previous.Hash, latest.Header.PreviousHash);
    }

    [Fact]
    public async Task Http_api_serves_chain_info_health_and_refuses_malformed_json()
    {
        await using var net = await TestNetwork.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(net.Node!.HttpAddress) };

        Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        using var chain = JsonDocument.Parse(await http.GetStringAsync(new Uri("/v1/chain", UriKind.Relative)));
        Assert.Equal("chain1", chain.RootElement.GetProperty("chainId").GetString());
        Assert.Equal("solo", chain.RootElement.GetProperty("consensus").GetString());
        Assert.Equal("nist", chain.RootElement.GetProperty("crypto").GetString());

        using var bad = new StringContent("{not json", Encoding.UTF8, "application/json");
        var response = await http.PostAsync(new Uri("/v1/tx", UriKind.Relative), bad);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("REQUEST_MALFORMED", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Http_submit_with_wait_commits_a_signed_envelope()
    {
        await using var net = await TestNetwork.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(net.Node!.HttpAddress) };
        var tx = EvidenceClient.BuildPut(net.Builder(), "via-http", "abcd", null);
        var body = JsonSerializer.Serialize(new { envelope = Convert.ToBase64String(tx.Envelope), wait = true, timeoutMs = 30000 });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await http.PostAsync(new Uri("/v1/tx", UriKind.Relative), content);

        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SUBMIT_STATUS_COMMITTED", json.GetProperty("status").GetString());
        using var txJson = JsonDocument.Parse(await http.GetStringAsync(new Uri("/v1/tx/" + tx.TxIdHex, UriKind.Relative)));
        Assert.Equal(json.GetProperty("blockHeight").GetString(), txJson.RootElement.GetProperty("blockHeight").GetString());
    }

    [Fact]
    public async Task Subscribers_receive_the_contract_events_of_committed_transactions()
    {
        await using var net = await TestNetwork.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(net.Node!.GrpcAddress);
        var rpc = new ChainService.ChainServiceClient(channel);
        using var cts = new CancellationTokenSource(Wait);
        using var call = rpc.Subscribe(new SubscribeRequest { Events = true, TxResults = true }, cancellationToken: cts.Token);
        await call.ResponseHeadersAsync;
        using var client = net.Client();
        var tx = EvidenceClient.BuildPut(net.Builder(), "evented", "ff", null);

        await client.SubmitAsync(tx, true, Wait);

        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(ChainEvent.KindOneofCase.Tx, call.ResponseStream.Current.KindCase);
        Assert.Equal(tx.TxId, call.ResponseStream.Current.Tx.TxId.ToByteArray());
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(ChainEvent.KindOneofCase.Event, call.ResponseStream.Current.KindCase);
        Assert.Equal("EVIDENCE", call.ResponseStream.Current.Event.Event.Contract);
        Assert.Equal("evidence.put", call.ResponseStream.Current.Event.Event.Topic);
    }
}
