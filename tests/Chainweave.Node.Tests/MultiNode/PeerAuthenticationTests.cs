using Chainweave.Api.Rpc;
using Chainweave.Core.Genesis;

namespace Chainweave.Node.Tests.MultiNode;

/// <summary>Who may join the peer network: only holders of a TLS certificate from the chain's organisations and of the node's consensus key.</summary>
public sealed class PeerAuthenticationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_node_whose_TLS_certificate_comes_from_a_foreign_CA_is_refused_and_the_others_go_on()
    {
        await using var net = await MultiNodeNetwork.StartAsync("tbft", nodes: 4);
        await net.StopNodeAsync(3);
        ReplaceTlsIdentityWithForeignOne(net.Home(3));
        await net.StartNodeAsync(3);

        using var intruder = net.Client(3);
        using var honest = net.Client(0);
        var answer = await honest.SubmitAsync(Sdk.EvidenceClient.BuildPut(net.Builder(), "after-intruder", "abcd", null), wait: true, Timeout);
        Assert.Equal(SubmitStatus.Committed, answer.Status);
        Assert.Equal(0u, (await intruder.GetChainInfoAsync()).PeerCount);
        Assert.Equal(2u, (await honest.GetChainInfoAsync()).PeerCount);
        Assert.Equal(0ul, (await intruder.GetChainInfoAsync()).Height);
    }

    [Fact]
    public async Task A_node_presenting_another_nodes_TLS_certificate_is_refused()
    {
        await using var net = await MultiNodeNetwork.StartAsync("tbft", nodes: 4);
        await net.StopNodeAsync(3);

        // node4 keeps its own consensus key but shows node3's TLS identity: the hello's binding fails.
        foreach (var file in new[] { NetworkLayout.TlsCertificateFileName, NetworkLayout.TlsKeyFileName })
        {
            File.Copy(Path.Combine(net.Home(2), NetworkLayout.KeysFolder, file), Path.Combine(net.Home(3), NetworkLayout.KeysFolder, file), overwrite: true);
        }

        await net.StartNodeAsync(3);
        using var honest = net.Client(0);
        var answer = await honest.SubmitAsync(Sdk.EvidenceClient.BuildPut(net.Builder(), "after-impostor", "abcd", null), wait: true, Timeout);
        Assert.Equal(SubmitStatus.Committed, answer.Status);
        // The honest nodes never register it; it sees at most a stream that closes after the hello.
        Assert.Equal(2u, (await honest.GetChainInfoAsync()).PeerCount);
        using var impostor = net.Client(3);
        Assert.Equal(0ul, (await impostor.GetChainInfoAsync()).Height);
    }

    private static void ReplaceTlsIdentityWithForeignOne(string home)
    {
        var foreignDir = Path.Combine(Path.GetTempPath(), "cw-foreign-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var foreign = NetworkInitializer.Create(new InitOptions { Dir = foreignDir, Orgs = 4, Nodes = 4, Consensus = "tbft", BasePort = 40000, Now = DateTimeOffset.UtcNow });
            var foreignHome = Path.Combine(foreignDir, foreign.Manifest.Nodes[3].Home);
            foreach (var file in new[] { NetworkLayout.TlsCertificateFileName, NetworkLayout.TlsKeyFileName })
            {
                File.Copy(Path.Combine(foreignHome, NetworkLayout.KeysFolder, file), Path.Combine(home, NetworkLayout.KeysFolder, file), overwrite: true);
            }
        }
        finally
        {
            Directory.Delete(foreignDir, recursive: true);
        }
    }
}
