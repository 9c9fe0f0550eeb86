using System.Collections.Concurrent;
using System.Diagnostics;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Core.Crypto;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;

namespace Chainweave.Cli.Tests;

/// <summary>
/// A node process killed with SIGKILL in the middle of a load keeps every transaction it reported
/// committed, holds no partial block, and goes on committing after a restart.
/// </summary>
public sealed class CrashSafetyTests
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_killed_under_load_keeps_every_acknowledged_commit()
    {
        using var temp = new TempDir();
        var network = NetworkInitializer.Create(new InitOptions { Dir = temp.Combine("net"), BasePort = FreePorts.FindBase(), Now = DateTimeOffset.UtcNow });
        var home = Path.Combine(network.Dir, network.Manifest.Nodes[0].Home);
        var address = "http://" + network.Manifest.Nodes[0].Grpc;
        var suite = CryptoSuites.Get("nist");
        using var identity = ClientIdentity.Load(Path.Combine(network.Dir, "orgs", "org1", "users", "client1"), suite);
        var builder = new TransactionBuilder(network.Genesis.ChainId, identity);
        var acknowledged = new ConcurrentDictionary<string, ulong>();
        var underLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (var node = StartNode(home))
        {
            using var client = await ConnectAsync(address);
            using var loadStop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !loadStop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var tx = EvidenceClient.BuildPut(builder, $"w{worker}-{i}", "00ff", null);
                        var response = await client.SubmitAsync(tx, wait: true, TimeSpan.FromSeconds(30));
                        if (response.Status == SubmitStatus.Committed)
                        {
                            acknowledged[tx.TxIdHex] = response.BlockHeight;
                            if (acknowledged.Count >= 300)
                            {
                                underLoad.TrySetResult();
                            }
                        }
                    }
                    catch (Chainweave.Core.Errors.ChainError)
                    {
                        return; // The node is gone.
                    }
                }
            })).ToArray();

            await underLoad.Task.WaitAsync(Ready);
            node.Kill();
            await node.WaitForExitAsync().WaitAsync(Ready);
            await loadStop.CancelAsync();
            await Task.WhenAll(load).WaitAsync(Ready);
        }

        Assert.True(acknowledged.Count >= 300);
        using var restarted = StartNode(home);
        try
        {
            using var client = await ConnectAsync(address);
            var info = await client.GetChainInfoAsync();
            foreach (var (txIdHex, height) in acknowledged)
            {
                var tx = await client.GetTxAsync(Convert.FromHexString(txIdHex));
                Assert.Equal(height, tx.BlockHeight);
                Assert.Equal(TxStatus.Success, tx.Result.Status);
            }

            byte[]? previous = null;
            for (ulong h = 0; h <= info.Height; h++)
            {
                var block = await client.GetBlockAsync(h);
                Assert.Equal(block.Block.Txs.Count, block.Results.Count);
                Assert.Equal((int)block.Header.TxCount, block.Block.Txs.Count);
                if (previous is not null)
                {
                    Assert.Equal(previous, block.Header.PreviousHash.ToByteArray());
                }

                previous = block.Hash.ToByteArray();
            }

            var after = await client.SubmitAsync(EvidenceClient.BuildPut(builder, "after-crash", "01", null), true, TimeSpan.FromSeconds(30));
            Assert.Equal(SubmitStatus.Committed, after.Status);
            Assert.Equal(info.Height + 1, after.BlockHeight);
        }
        finally
        {
            restarted.Kill();
            await restarted.WaitForExitAsync();
        }
    }

    private static Process StartNode(string home)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "chainweave.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "node", "start", "--home", home },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the node process");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls the node until its API answers (it is a separate process, so there is nothing to await).</summary>
    private static async Task<ChainClient> ConnectAsync(string address)
    {
        using var deadline = new CancellationTokenSource(Ready);
        while (true)
        {
            var client = new ChainClient(address, "node1");
            try
            {
                await client.GetChainInfoAsync(TimeSpan.FromSeconds(2), deadline.Token);
                return client;
            }
            catch (Chainweave.Core.Errors.ChainError) when (!deadline.IsCancellationRequested)
            {
                client.Dispose();
                await Task.Delay(100, deadline.Token);
            }
        }
    }
}
