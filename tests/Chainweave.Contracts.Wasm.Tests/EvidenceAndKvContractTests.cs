namespace Chainweave.Contracts.Wasm.Tests;

[Collection(SamplesCollection.Name)]
public sealed class EvidenceAndKvContractTests
{
    private readonly FakeChain _chain = new();

    public EvidenceAndKvContractTests(Samples samples)
    {
        _chain.Deploy(new WasmContract("EVIDENCE_WASM", samples.Evidence, samples.Engine));
        _chain.Deploy(new WasmContract("KV", samples.Kv, samples.Engine));
    }

    [Fact]
    public void Evidence_is_written_once_and_read_back()
    {
        var put = _chain.Execute("EVIDENCE_WASM", "put", A.Args(("id", "doc-1"), ("hash", "ab12cd"), ("meta", "{\"a\":1}")), Senders.Alice);
        Assert.True(put.Response.Ok, put.Response.Message);
        Assert.Equal("evidence.put", Assert.Single(put.Events).Topic);

        var again = _chain.Execute("EVIDENCE_WASM", "put", A.Args(("id", "doc-1"), ("hash", "ffff")), Senders.Alice);
        Assert.Equal("EVIDENCE_EXISTS", again.Response.Code);

        var get = _chain.Execute("EVIDENCE_WASM", "get", A.Args(("id", "doc-1")), readOnly: true);
        Assert.True(get.Response.Ok, get.Response.Message);
        var record = WireFormat.DecodeItems(get.Response.Value)!;
        Assert.Equal("ab12cd", A.Text(record[0]));
        Assert.Equal("{\"a\":1}", A.Text(record[1]));
        Assert.Equal(Senders.Alice.CertHash, record[2]);
        Assert.Equal("1700000000000", A.Text(record[3]));
    }

    [Fact]
    public void Evidence_refuses_bad_hashes_and_reports_missing_ids()
    {
        Assert.Equal("TX_BAD_ARGUMENT", _chain.Execute("EVIDENCE_WASM", "put", A.Args(("id", "x"), ("hash", "abc")), Senders.Alice).Response.Code);
        Assert.Equal("TX_BAD_ARGUMENT", _chain.Execute("EVIDENCE_WASM", "put", A.Args(("id", "x"), ("hash", "zz")), Senders.Alice).Response.Code);
        Assert.Equal("NOT_FOUND", _chain.Execute("EVIDENCE_WASM", "get", A.Args(("id", "nope")), readOnly: true).Response.Code);
    }

    [Fact]
    public void Kv_puts_gets_and_deletes()
    {
        Assert.True(_chain.Execute("KV", "put", A.Args(("key", "k1"), ("value", "v1"))).Response.Ok);
        Assert.Equal("v1", A.Text(_chain.Execute("KV", "get", A.Args(("key", "k1")), readOnly: true).Response.Value));

        var deleted = _chain.Execute("KV", "delete", A.Args(("key", "k1")));
        Assert.True(deleted.Response.Ok, deleted.Response.Message);
        Assert.Equal("NOT_FOUND", _chain.Execute("KV", "get", A.Args(("key", "k1")), readOnly: true).Response.Code);
        Assert.Equal("NOT_FOUND", _chain.Execute("KV", "delete", A.Args(("key", "k1"))).Response.Code);
    }

    [Fact]
    public void Kv_range_returns_keys_in_byte_order_within_bounds_and_limit()
    {
        foreach (var key in new[] { "b", "a", "d", "c", "e" })
        {
            Assert.True(_chain.Execute("KV", "put", A.Args(("key", key), ("value", key.ToUpperInvariant()))).Response.Ok);
        }

        var range = _chain.Execute("KV", "range", A.Args(("start", "b"), ("end", "e")), readOnly: true);
        Assert.True(range.Response.Ok, range.Response.Message);
        var items = WireFormat.DecodeArgs(range.Response.Value)!;
        Assert.Equal(new[] { "b", "c", "d" }, items.Select(i => i.Key));
        Assert.Equal(new[] { "B", "C", "D" }, items.Select(i => i.Value.ToStringUtf8()));

        var limited = _chain.Execute("KV", "range", A.Args(("start", "a"), ("limit", 2)), readOnly: true);
        Assert.Equal(new[] { "a", "b" }, WireFormat.DecodeArgs(limited.Response.Value)!.Select(i => i.Key));
    }

    [Fact]
    public void Kv_range_limit_outside_1_to_1000_is_refused()
    {
        Assert.Equal("TX_BAD_ARGUMENT", _chain.Execute("KV", "range", A.Args(("start", "a"), ("limit", 1001)), readOnly: true).Response.Code);
        Assert.Equal("TX_BAD_ARGUMENT", _chain.Execute("KV", "range", A.Args(("start", "a"), ("limit", 0)), readOnly: true).Response.Code);
    }

    [Fact]
    public void An_unknown_method_is_refused_before_running()
    {
        var contract = _chain.Find("KV")!;
        Assert.False(contract.HasMethod("nope"));
        Assert.True(contract.HasMethod("delete"));
        Assert.Equal("TX_UNKNOWN_METHOD", _chain.Execute("KV", "nope", A.Args()).Response.Code);
    }
}
