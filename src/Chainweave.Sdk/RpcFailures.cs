using Chainweave.Core.Errors;
using Grpc.Core;

namespace Chainweave.Sdk;

/// <summary>Turns gRPC failures into the ChainErrors users act on.</summary>
public static class RpcFailures
{
    public static ChainError ToChainError(RpcException exception, string nodeName, string address)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var detail = string.IsNullOrEmpty(exception.Status.Detail) ? exception.StatusCode.ToString() : exception.Status.Detail;
        if (TrySplitCode(detail, out var code, out var sentence))
        {
            return new ChainError(code, sentence, exception);
        }

        return exception.StatusCode switch
        {
            StatusCode.Unavailable => Unreachable(nodeName, address, exception),
            StatusCode.DeadlineExceeded => new ChainError(ErrorCodes.Unavailable,
                $"node {nodeName} at {address} did not answer in time: it may be overloaded or stopped", exception),
            StatusCode.NotFound => new ChainError(ErrorCodes.NotFound, detail, exception),
            StatusCode.InvalidArgument => new ChainError(ErrorCodes.MalformedRequest, detail, exception),
            StatusCode.FailedPrecondition => new ChainError(ErrorCodes.NodeNotReady, detail, exception),
            StatusCode.ResourceExhausted => new ChainError(ErrorCodes.PoolFull, detail, exception),
            StatusCode.PermissionDenied => new ChainError(ErrorCodes.PermissionDenied, detail, exception),
            StatusCode.Cancelled => new ChainError(ErrorCodes.Unavailable, $"the call to node {nodeName} at {address} was cancelled: {detail}", exception),
            _ => new ChainError(ErrorCodes.Internal, $"node {nodeName} at {address} failed: {exception.StatusCode}: {detail}", exception),
        };
    }

    /// <summary>The node sends user errors as status detail "CODE: sentence", CODE in upper snake case.</summary>
    public static bool TrySplitCode(string detail, out string code, out string sentence)
    {
        code = "";
        sentence = detail;
        var colon = detail.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        foreach (var c in detail.AsSpan(0, colon))
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        code = detail[..colon];
        sentence = detail[(colon + 2)..];
        return true;
    }

    public static ChainError Unreachable(string nodeName, string address, Exception? inner = null)
    {
        var message = $"cannot reach node {nodeName} at {address}: is it running? start it with `./chainweave up`";
        return inner is null ? new ChainError(ErrorCodes.Unavailable, message) : new ChainError(ErrorCodes.Unavailable, message, inner);
    }
}
