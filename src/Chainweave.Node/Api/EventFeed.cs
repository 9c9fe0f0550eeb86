using Chainweave.Api.Rpc;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Node.Api;

/// <summary>Turns a committed block into the events a subscription asked for, in commit order.</summary>
public static class EventFeed
{
    public static void Append(CommittedBlock block, SubscribeRequest filter, ChainApi api, List<ChainEvent> into)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(into);
        var height = block.Header.Height;
        if (filter.Blocks)
        {
            into.Add(new ChainEvent { Block = api.Describe(block.Block, includeTxs: false) });
        }

        if (!filter.TxResults && !filter.Events)
        {
            return;
        }

        for (var i = 0; i < block.Results.Count; i++)
        {
            var result = block.Results[i];
            var txId = ByteString.CopyFrom(block.TxIds[i]);
            if (filter.TxResults)
            {
                into.Add(new ChainEvent { Tx = new TxCommitted { TxId = txId, BlockHeight = height, Result = result } });
            }

            if (!filter.Events)
            {
                continue;
            }

            foreach (var ev in result.Events)
            {
                if (filter.Contract.Length == 0 || string.Equals(filter.Contract, ev.Contract, StringComparison.Ordinal))
                {
                    into.Add(new ChainEvent { Event = new ContractEvent { TxId = txId, BlockHeight = height, Event = ev } });
                }
            }
        }
    }
}
