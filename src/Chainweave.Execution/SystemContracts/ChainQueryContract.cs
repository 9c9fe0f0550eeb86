using System.Globalization;
using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;
using Google.Protobuf;

namespace Chainweave.Execution.SystemContracts;

/// <summary>Read-only views of the chain: its config, height, blocks and transaction results.</summary>
public sealed class ChainQueryContract : IContract
{
    public const string ContractName = "CHAIN_QUERY";

    private readonly IChainView _chain;

    public ChainQueryContract(IChainView chain)
    {
        _chain = chain;
    }

    public string Name => ContractName;

    public bool HasMethod(string method) => method is "config" or "height" or "block" or "tx";

    public bool IsReadOnly(string method) => true;

    public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        switch (method)
        {
            case "config":
                return ContractResponse.Success(Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(_chain.Config)));
            case "height":
                return ContractResponse.Success(Encoding.UTF8.GetBytes(_chain.Height.ToString(CultureInfo.InvariantCulture)));
            case "block":
                var heightText = ArgList.FindString(args, "height");
                if (!ulong.TryParse(heightText, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
                {
                    return ContractResponse.Error(ErrorCodes.BadArgument, "Argument 'height' must be a block height (a whole number).");
                }

                var block = _chain.GetBlockBytes(height);
                return block is null
                    ? ContractResponse.Error(ErrorCodes.NotFound, $"No block at height {height}; the chain is at {_chain.Height}.")
                    : ContractResponse.Success(block);
            case "tx":
                var txId = ArgList.FindString(args, "txId");
                byte[] idBytes;
                try
                {
                    idBytes = Convert.FromHexString(txId ?? string.Empty);
                }
                catch (FormatException)
                {
                    return ContractResponse.Error(ErrorCodes.BadArgument, "Argument 'txId' must be the transaction id in hex.");
                }

                var result = _chain.GetTxResultBytes(idBytes);
                return result is null
                    ? ContractResponse.Error(ErrorCodes.NotFound, $"No committed transaction {txId}.")
                    : ContractResponse.Success(result);
            default:
                return ContractResponse.Error(ErrorCodes.UnknownMethod, $"Contract CHAIN_QUERY has no method '{method}'.");
        }
    }
}
