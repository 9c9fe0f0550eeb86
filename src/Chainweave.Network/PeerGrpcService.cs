using Chainweave.Api.P2p;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Chainweave.Network;

/// <summary>The accepting side of peer streams; Kestrel has already required a client certificate chaining to the chain's TLS roots.</summary>
public sealed class PeerGrpcService(PeerNetwork network) : PeerService.PeerServiceBase
{
    public override async Task Connect(IAsyncStreamReader<PeerMessage> requestStream, IServerStreamWriter<PeerMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        try
        {
            await network.RunStreamAsync(requestStream, responseStream, () => certificate, expected: null, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (network.IsStopping || context.CancellationToken.IsCancellationRequested)
        {
            // This node is stopping or the peer went away: the stream just ends, which is no error.
        }
    }
}
