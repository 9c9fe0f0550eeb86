using System.Diagnostics;
using System.Runtime.CompilerServices;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;
using Google.Protobuf;

namespace Chainweave.Node.Tests;

/// <summary>A WebAssembly contract's life on a running solo node of three organisations.</summary>
public sealed class ContractLifecycleTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_token_installed_with_two_of_three_admins_runs_transfers_and_answers_queries()
    {
        await using var net = await TestNetwork.StartAsync(orgs: 3);
        using var client = net.Client();
        using var admin1 = net.Identity(NetworkLayout.AdminUser, "org1");
        using var admin2 = net.Identity(NetworkLayout.AdminUser, "org2");
        var builder = net.Builder(admin1);
        IReadOnlyList<Arg> install = [Arg("name", "TOKEN"), Arg("version", "1.0.0"), Arg("wasm", TokenWasm())];

        var alone = await client.SubmitAsync(builder.Invoke("CONTRACT_MANAGE", "install", install), true, Wait);
        var endorsed = await client.SubmitAsync(builder.InvokeEndorsed("CONTRACT_MANAGE", "install", install, [admin2]), true, Wait);

        Assert.Equal(TxStatus.ContractError, alone.Result.Status);
        Assert.Equal("POLICY_UNSATISFIED", alone.Result.Code);
        Assert.Equal(TxStatus.Success, endorsed.Result.Status);

        var me = net.Suite.Hash(admin1.CertificateDer);
        var mint = await client.SubmitAsync(builder.Invoke("TOKEN", "mint", Arg("to", me), Arg("amount", "100")), true, Wait);
        var transfer = await client.SubmitAsync(builder.Invoke("TOKEN", "transfer", Arg("to", "bob"u8.ToArray()), Arg("amount", "30")), true, Wait);

        Assert.Equal(TxStatus.Success, mint.Result.Status);
        Assert.Equal(TxStatus.Success, transfer.Result.Status);
        var ev = Assert.Single(transfer.Result.Events);
        Assert.Equal(("TOKEN", "transfer"), (ev.Contract, ev.Topic));
        Assert.Equal(me, ev.Data[0].ToByteArray());
        Assert.Equal("30", Text(await client.QueryAsync("TOKEN", "balance", [Arg("owner", "bob"u8.ToArray())])));
        Assert.Equal("70", Text(await client.QueryAsync("TOKEN", "balance", [Arg("owner", me)])));
        Assert.Contains("\"status\":\"active\"", Text(await client.QueryAsync("CONTRACT_MANAGE", "get", [Arg("name", "TOKEN")])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pool_refuses_a_forged_endorsement_and_calls_to_contracts_never_installed()
    {
        await using var net = await TestNetwork.StartAsync(orgs: 3);
        using var client = net.Client();
        using var admin1 = net.Identity(NetworkLayout.AdminUser, "org1");
        using var admin2 = net.Identity(NetworkLayout.AdminUser, "org2");
        var builder = net.Builder(admin1);
        var signed = builder.InvokeEndorsed("CONTRACT_MANAGE", "freeze", [Arg("name", "TOKEN")], [admin2]);
        var envelope = TxEnvelope.Parser.ParseFrom(signed.Envelope);
        envelope.Endorsements[0].Signature = ByteString.CopyFrom(admin2.Signer.Sign("something else"u8));
        var forged = new SignedTransaction(signed.TxId, signed.Payload, envelope.ToByteArray());

        var refused = await client.SubmitAsync(forged, false, Wait);
        var unknown = await client.SubmitAsync(builder.Invoke("TOKEN", "mint", Arg("to", "x"), Arg("amount", "1")), false, Wait);

        Assert.Equal(SubmitStatus.Rejected, refused.Status);
        Assert.Equal("TX_BAD_SIGNATURE", refused.Code);
        Assert.Equal(SubmitStatus.Rejected, unknown.Status);
        Assert.Equal("TX_UNKNOWN_CONTRACT", unknown.Code);
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    private static Arg Arg(string key, string value) => Arg(key, System.Text.Encoding.UTF8.GetBytes(value));

    private static Arg Arg(string key, byte[] value) => new() { Key = key, Value = ByteString.CopyFrom(value) };

    private static byte[] TokenWasm([CallerFilePath] string thisFile = "")
    {
        var contracts = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "contracts"));
        var token = Path.Combine(contracts, "build", "token.wasm");
        if (!File.Exists(token))
        {
            using var build = Process.Start(new ProcessStartInfo("bash", [Path.Combine(contracts, "build.sh")]))!;
            build.WaitForExit();
        }

        return File.ReadAllBytes(token);
    }
}
