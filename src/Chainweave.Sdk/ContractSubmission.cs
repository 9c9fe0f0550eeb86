using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;

namespace Chainweave.Sdk;

/// <summary>A submitted transaction and the node's answer.</summary>
public sealed record ContractSubmission(SignedTransaction Transaction, SubmitResponse Response)
{
    /// <summary>True when committed with status SUCCESS.</summary>
    public bool Succeeded => Response.Status == SubmitStatus.Committed && (Response.Result is null || Response.Result.Status == TxStatus.Success);
}
