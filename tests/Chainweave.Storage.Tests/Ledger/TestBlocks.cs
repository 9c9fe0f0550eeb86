using System.Security.Cryptography;
using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Storage.Tests.Ledger;

/// <summary>Builds chains of committed blocks with made-up transactions; hashes are SHA-256.</summary>
internal static class TestBlocks
{
    public static ChainConfig Config(string chainId = "chain1") => new()
    {
        ChainId = chainId,
        Crypto = "nist",
        Consensus = "solo",
        IdentityMode = "cert",
        GenesisTimeMs = 1_700_000_000_000,
    };

    /// <summary>
    /// A block at <paramref name="height"/> after <paramref name="previousHash"/>. Blocks made with the
    /// same height and <paramref name="method"/> share transaction ids.
    /// </summary>
    public static CommittedBlock Make(
        ulong height,
        byte[] previousHash,
        int txCount = 2,
        IReadOnlyList<StateWrite>? stateWrites = null,
        IReadOnlyList<CertificateRecord>? certificates = null,
        int payloadBytes = 64,
        string method = "transfer")
    {
        var block = new Block();
        var txIds = new List<byte[]>(txCount);
        var results = new List<TxResult>(txCount);
        for (var i = 0; i < txCount; i++)
        {
            var payload = new TxPayload
            {
                ChainId = "chain1",
                Contract = "bank",
                Method = method,
                TimestampMs = 1_700_000_000_000 + (long)height,
                Nonce = (height << 20) | (uint)i,
                Args = { new Arg { Key = "memo", Value = ByteString.CopyFrom(new byte[payloadBytes]) } },
            }.ToByteString();
            var envelope = new TxEnvelope { Payload = payload, Signature = ByteString.CopyFrom(new byte[64]) };
            block.Txs.Add(envelope.ToByteString());

            var txId = SHA256.HashData(payload.Span);
            txIds.Add(txId);
            results.Add(new TxResult
            {
                TxId = ByteString.CopyFrom(txId),
                Status = i % 5 == 4 ? TxStatus.ContractError : TxStatus.Success,
                GasUsed = (ulong)(100 + i),
                ReturnValue = ByteString.CopyFromUtf8($"ok {height}/{i}"),
            });
        }

        var header = new BlockHeader
        {
            ChainId = "chain1",
            Height = height,
            PreviousHash = ByteString.CopyFrom(previousHash),
            TimestampMs = 1_700_000_000_000 + (long)height,
            TxCount = (uint)txCount,
        };
        block.Header = header.ToByteString();
        var hash = SHA256.HashData(block.Header.Span);
        block.Certificate = new CommitCertificate { Height = height, BlockHash = ByteString.CopyFrom(hash) };

        return new CommittedBlock(block, hash, header, txIds, results, stateWrites ?? [], certificates ?? []);
    }

    /// <summary>Genesis plus blocks 1..<paramref name="lastHeight"/>, each linked to the one before.</summary>
    public static List<CommittedBlock> Chain(ulong lastHeight, Func<ulong, IReadOnlyList<StateWrite>>? writesAt = null)
    {
        var blocks = new List<CommittedBlock>();
        var previous = Array.Empty<byte>();
        for (ulong height = 0; height <= lastHeight; height++)
        {
            var certificates = new[] { new CertificateRecord(SHA256.HashData([(byte)height, 1]), [0x30, (byte)height]) };
            var block = Make(height, previous, txCount: (int)(height % 4), stateWrites: writesAt?.Invoke(height), certificates: certificates);
            blocks.Add(block);
            previous = block.Hash;
        }

        return blocks;
    }

    public static void CommitAll(LedgerStore ledger, IReadOnlyList<CommittedBlock> blocks, ChainConfig? config = null)
    {
        ledger.InitGenesis(config ?? Config(), blocks[0]);
        for (var i = 1; i < blocks.Count; i++)
        {
            ledger.CommitBlock(blocks[i]);
        }
    }
}
