using System.Text;
using System.Text.Json;
using Chainweave.Api.Ledger;
using Chainweave.Cli.Commands;
using Chainweave.Cli.Contracts;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;

namespace Chainweave.Cli.Tests;

public sealed class ContractCommandTests
{
    [Theory]
    [InlineData("key=hello", "key", "68656c6c6f")]
    [InlineData("key=", "key", "")]
    [InlineData("key=a=b", "key", "613d62")]
    [InlineData("blob=0xDEad01", "blob", "dead01")]
    [InlineData("blob=0x", "blob", "")]
    [InlineData("note=text:0xdead", "note", "307864656164")]
    [InlineData("note=text:@home", "note", "40686f6d65")]
    public void Arg_forms_become_the_expected_key_and_bytes(string spec, string key, string valueHex)
    {
        var arg = ContractCommandArgs.ParseOne(spec, Directory.GetCurrentDirectory());

        Assert.Equal(key, arg.Key);
        Assert.Equal(valueHex, Convert.ToHexStringLower(arg.Value.Span));
    }

    [Fact]
    public void An_at_file_arg_reads_the_file_bytes_relative_to_the_base_folder_and_order_is_kept()
    {
        using var dir = new TempDir();
        byte[] content = [0, 1, 2, 255];
        File.WriteAllBytes(dir.Combine("data.bin"), content);

        var args = ContractCommandArgs.Parse(["z=1", "data=@data.bin", "a=2"], dir.Path);

        Assert.Equal(["z", "data", "a"], args.Select(a => a.Key));
        Assert.Equal(content, args[1].Value.ToByteArray());
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=value")]
    [InlineData("k=0xabc")]
    [InlineData("k=0xzz")]
    [InlineData("k=@")]
    [InlineData("k=@/no/such/file/anywhere")]
    public void Malformed_args_are_ARGUMENT_INVALID(string spec)
    {
        var error = Assert.Throws<ChainError>(() => ContractCommandArgs.ParseOne(spec, Directory.GetCurrentDirectory()));

        Assert.Equal(CliErrorCodes.ArgumentInvalid, error.Code);
    }

    [Fact]
    public async Task A_bad_arg_fails_before_connecting_with_a_typed_error_line()
    {
        using var dir = new TempDir();

        var run = await CliRun.RunAsync("contract", "invoke", "kv", "put", "--arg", "oops", "--network", dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error ARGUMENT_INVALID: --arg `oops` is not KEY=VALUE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_refuses_a_file_that_is_not_webassembly()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("x.wasm"), "not a module");

        var run = await CliRun.RunAsync("contract", "install", "kv", "--wasm", dir.Combine("x.wasm"), "--network", dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error ARGUMENT_INVALID:", run.Error, StringComparison.Ordinal);
        Assert.Contains("not a WebAssembly module", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "admin1.org1", "")]
    [InlineData(2, "admin1.org1", "admin1.org2")]
    [InlineData(3, "admin1.org1", "admin1.org2")]
    [InlineData(4, "admin1.org2", "admin1.org1,admin1.org3")]
    [InlineData(3, "client1.org1", "admin1.org1,admin1.org2")]
    public void Default_endorsers_are_other_orgs_admins_as_many_as_a_majority_needs(int orgs, string sender, string expected)
    {
        var chosen = ContractCommandEndorsers.Choose(Network(orgs), sender, null, orgs);

        Assert.Equal(expected, string.Join(',', chosen));
    }

    [Fact]
    public void Endorse_option_overrides_and_none_sends_without_endorsements()
    {
        var network = Network(3);

        Assert.Equal(["admin1.org3", "client1.org2"], ContractCommandEndorsers.Choose(network, "admin1.org1", " admin1.org3, client1.org2", 3));
        Assert.Empty(ContractCommandEndorsers.Choose(network, "admin1.org1", "none", 3));
        Assert.Equal(CliErrorCodes.ArgumentInvalid, Assert.Throws<ChainError>(() => ContractCommandEndorsers.Choose(network, "admin1.org1", "admin9.org9", 3)).Code);
        Assert.Equal(CliErrorCodes.ArgumentInvalid, Assert.Throws<ChainError>(() => ContractCommandEndorsers.Choose(network, "admin1.org1", "admin1.org1", 3)).Code);
    }

    [Fact]
    public void Too_few_local_admins_for_a_majority_is_a_clear_error()
    {
        var network = Network(1);

        var error = Assert.Throws<ChainError>(() => ContractCommandEndorsers.Choose(network, "admin1.org1", null, 3));

        Assert.Equal(CliErrorCodes.ArgumentInvalid, error.Code);
        Assert.Contains("--endorse", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void Endorsers_sign_the_exact_payload_bytes_and_the_tx_id_stays_the_payload_hash(string suiteName)
    {
        using var dir = new TempDir();
        var suite = CryptoSuites.Get(suiteName);
        using var sender = ClientIdentity.Load(IdentityFixture.WriteClient(dir, suiteName), suite);
        using var other = new TempDir();
        using var endorser = ClientIdentity.Load(IdentityFixture.WriteClient(other, suiteName, "org2"), suite);
        var builder = new TransactionBuilder("chain1", sender);

        var tx = builder.InvokeEndorsed(ContractClient.ManageContract, "freeze", [TxArgs.Utf8("name", "kv")], [endorser]);
        var envelope = TxEnvelope.Parser.ParseFrom(tx.Envelope);

        Assert.Equal(suite.Hash(tx.Payload), tx.TxId);
        Assert.Equal(SignatureCheck.Valid, sender.Signer.PublicKey.Verify(tx.Payload, envelope.Signature.Span));
        var endorsement = Assert.Single(envelope.Endorsements);
        Assert.Equal("org2", endorsement.Signer.OrgId);
        Assert.Equal(SignatureCheck.Valid, endorser.Signer.PublicKey.Verify(tx.Payload, endorsement.Signature.Span));

        var coSigned = Endorsements.Add(builder.Invoke("kv", "put", TxArgs.Utf8("key", "k")), endorser);
        var coEnvelope = TxEnvelope.Parser.ParseFrom(coSigned.Envelope);
        Assert.Equal(coSigned.Payload, coEnvelope.Payload.ToByteArray());
        Assert.Equal(SignatureCheck.Valid, endorser.Signer.PublicKey.Verify(coSigned.Payload, Assert.Single(coEnvelope.Endorsements).Signature.Span));
    }

    [Fact]
    public void Install_args_are_name_version_wasm_then_init_args_and_reserved_init_keys_are_refused()
    {
        byte[] wasm = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];

        var args = ContractClient.InstallArgs("kv", "1.0.0", wasm, [TxArgs.Utf8("owner", "me")]);

        Assert.Equal(["name", "version", "wasm", "owner"], args.Select(a => a.Key));
        Assert.Equal(wasm, args[2].Value.ToByteArray());
        Assert.Equal(ErrorCodes.BadArgument, Assert.Throws<ChainError>(() => ContractClient.InstallArgs("kv", "1", wasm, [TxArgs.Utf8("name", "x")])).Code);
    }

    [Fact]
    public void Contract_info_reads_get_and_list_json()
    {
        var one = ContractInfo.Parse(Encoding.UTF8.GetBytes("""{"name":"kv","version":"1.0.0","codeHash":"ab12","status":"active","methods":["get","put"]}"""));
        var list = ContractInfo.ParseList(Encoding.UTF8.GetBytes("""[{"name":"a","version":"1","codeHash":"","status":"frozen","methods":[]},{"name":"b"}]"""));

        Assert.Equal(new[] { "get", "put" }, one.Methods);
        Assert.Equal(("kv", "1.0.0", "ab12", "active"), (one.Name, one.Version, one.CodeHash, one.Status));
        Assert.Equal(["a", "b"], list.Select(c => c.Name));
        Assert.Equal("frozen", list[0].Status);
        Assert.Equal(ErrorCodes.Internal, Assert.Throws<ChainError>(() => ContractInfo.Parse("[1]"u8)).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public async Task Contract_new_refuses_unusable_names(string name)
    {
        using var dir = new TempDir();

        var run = await CliRun.RunAsync("contract", "new", name, "--dir", dir.Combine("p"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error ARGUMENT_INVALID: contract name", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("p")));
    }

    [Fact]
    public async Task Contract_new_writes_a_project_that_contract_build_compiles_to_webassembly()
    {
        using var dir = new TempDir();
        var project = dir.Combine("greeter");

        var created = await CliRun.RunAsync("contract", "new", "greeter", "--dir", project, "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using (var json = JsonDocument.Parse(created.Out))
        {
            Assert.Equal(project, json.RootElement.GetProperty("path").GetString());
        }

        var pinned = ContractScaffold.CompilerVersion(ContractSources.Locate());
        using (var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "package.json"))))
        {
            Assert.Equal(pinned, package.RootElement.GetProperty("devDependencies").GetProperty("assemblyscript").GetString());
        }

        Assert.True(File.Exists(Path.Combine(project, "sdk", "index.ts")));
        Assert.Contains("export function put()", File.ReadAllText(Path.Combine(project, "index.ts")), StringComparison.Ordinal);

        var again = await CliRun.RunAsync("contract", "new", "greeter", "--dir", project);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not empty", again.Error, StringComparison.Ordinal);

        var built = await CliRun.RunAsync("contract", "build", project);

        Assert.True(built.ExitCode == 0, built.ToString());
        var wasm = built.Out.Trim();
        Assert.Equal(Path.Combine(project, "build", "greeter.wasm"), wasm);
        var module = File.ReadAllBytes(wasm);
        Assert.Equal(new byte[] { 0, 0x61, 0x73, 0x6d }, module[..4]);
        Assert.True(module.AsSpan().IndexOf("put"u8) >= 0, "the module exports put");
    }

    [Fact]
    public async Task Contract_build_of_a_folder_without_a_project_says_how_to_make_one()
    {
        using var dir = new TempDir();

        var run = await CliRun.RunAsync("contract", "build", dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error ARGUMENT_INVALID:", run.Error, StringComparison.Ordinal);
        Assert.Contains("contract new", run.Error, StringComparison.Ordinal);
    }

    private static NetworkManifest Network(int orgs)
    {
        var identities = new List<IdentityEntry>();
        for (var i = 1; i <= orgs; i++)
        {
            identities.Add(new IdentityEntry($"admin1.org{i}", $"org{i}", "admin", $"orgs/org{i}/users/admin1"));
            identities.Add(new IdentityEntry($"client1.org{i}", $"org{i}", "client", $"orgs/org{i}/users/client1"));
        }

        return new NetworkManifest("chain1", "nist", "solo", [], identities);
    }
}
