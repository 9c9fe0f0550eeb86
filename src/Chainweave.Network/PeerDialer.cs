using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Chainweave.Api.P2p;
using Grpc.Core;
using Grpc.Net.Client;

namespace Chainweave.Network;

/// <summary>Keeps one stream open to a peer this node is meant to dial, reconnecting with growing backoff.</summary>
internal sealed class PeerDialer(PeerNetwork network, PeerInfo peer)
{
    private X509Certificate2? _serverCertificate;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = network.Options;
        var delay = options.ReconnectMin;
        while (!cancellationToken.IsCancellationRequested)
        {
            var connectedAt = DateTimeOffset.UtcNow;
            try
            {
                await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or IOException or HttpRequestException or InvalidOperationException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Down, refusing or gone: try again after the backoff.
            }

            if (DateTimeOffset.UtcNow - connectedAt > options.ReconnectMax)
            {
                delay = options.ReconnectMin;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMax.Ticks));
        }
    }

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            EnableMultipleHttp2Connections = false,
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [network.TlsCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Accept(certificate),
            },
        };
        using var channel = GrpcChannel.ForAddress($"https://{peer.Address}", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = network.Options.MaxMessageBytes,
            MaxSendMessageSize = network.Options.MaxMessageBytes,
        });
        var client = new PeerService.PeerServiceClient(channel);
        using var call = client.Connect(cancellationToken: cancellationToken);
        await network.RunStreamAsync(call.ResponseStream, call.RequestStream, () => _serverCertificate, peer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Trust is decided by the chain's TLS roots, not the machine's store; the certificate is kept for the hello check.</summary>
    private bool Accept(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        var presented = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (network.Trust.Check(presented, DateTimeOffset.UtcNow) is not null)
        {
            return false;
        }

        _serverCertificate = presented;
        return true;
    }
}
