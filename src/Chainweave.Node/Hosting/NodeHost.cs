using System.Globalization;
using System.Net;
using Chainweave.Core.Errors;
using Chainweave.Network;
using Chainweave.Node.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chainweave.Node.Hosting;

/// <summary>
/// One running node: its parts, its consensus engine and its API server (gRPC on one port,
/// HTTP/JSON on another). A node is a library: the CLI and tests start it the same way.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    /// <summary>How long in-flight client requests (a commit wait, a submit stream) may take to finish when the node stops.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly NodeParts _parts;
    private readonly WebApplication _web;
    private readonly string _pidFile;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    private NodeHost(NodeParts parts, WebApplication web, string pidFile, string grpcAddress, string httpAddress)
    {
        _parts = parts;
        _web = web;
        _pidFile = pidFile;
        GrpcAddress = grpcAddress;
        HttpAddress = httpAddress;
    }

    public string GrpcAddress { get; }

    public string HttpAddress { get; }

    public string Name => _parts.Node.Name;

    public Task Completion => _stopped.Task;

    /// <summary>Opens the node's data, starts consensus and the API; returns once both listen.</summary>
    public static async Task<NodeHost> StartAsync(string home, NodeHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NodeHostOptions();
        home = Path.GetFullPath(home);
        if (!Directory.Exists(home))
        {
            throw new ChainError(ErrorCodes.NetworkMissing, $"No node home at {home}; run `chainweave init` first or check --home.");
        }

        var logs = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var parts = NodeParts.Build(home, options.Clock ?? TimeProvider.System, logs);
        WebApplication? web = null;
        try
        {
            var grpc = ParseEndpoint(parts.Node.GrpcListen, "grpcListen");
            var http = ParseEndpoint(parts.Node.HttpListen, "httpListen");
            var p2p = parts.Peers is null ? null : ParseEndpoint(parts.Node.P2pListen, "p2pListen");
            web = BuildWeb(parts, grpc, http, p2p, logs);
            parts.Start();
            await web.StartAsync(cancellationToken).ConfigureAwait(false);
            var pidFile = Path.Combine(home, "node.pid");
            await File.WriteAllTextAsync(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            var host = new NodeHost(parts, web, pidFile, $"http://{grpc}", $"http://{http}");
            _ = parts.Engine.Completion.ContinueWith(t => host.OnEngineStopped(t), TaskScheduler.Default);
            return host;
        }
        catch
        {
            if (web is not null)
            {
                await web.DisposeAsync().ConfigureAwait(false);
            }

            await parts.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops taking requests, lets the block in progress commit, then closes storage.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }

        try
        {
            // Peer streams are requests that never end by themselves: closing them first keeps the web
            // server from waiting out its whole shutdown timeout (30 s) for them. Client requests still
            // in flight get a grace period, then their connections are aborted.
            if (_parts.Peers is { } peers)
            {
                await peers.DisposeAsync().ConfigureAwait(false);
            }

            using (var grace = new CancellationTokenSource(StopGrace))
            {
                await _web.StopAsync(grace.Token).ConfigureAwait(false);
            }

            await _web.DisposeAsync().ConfigureAwait(false);
            await _parts.DisposeAsync().ConfigureAwait(false);
            File.Delete(_pidFile);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void OnEngineStopped(Task engine)
    {
        if (engine.IsFaulted)
        {
            // Consensus cannot go on (e.g. the disk failed): stop serving rather than accept transactions that never commit.
            _ = StopAsync();
        }
    }

    private static WebApplication BuildWeb(NodeParts parts, IPEndPoint grpc, IPEndPoint http, IPEndPoint? p2p, ILoggerFactory logs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton(parts.Api);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 4 << 20;
            o.MaxSendMessageSize = 64 << 20;
        });
        if (parts.Peers is { } peers)
        {
            builder.Services.AddSingleton(peers);
            builder.Services.AddGrpc().AddServiceOptions<PeerGrpcService>(o =>
            {
                o.MaxReceiveMessageSize = peers.Options.MaxMessageBytes;
                o.MaxSendMessageSize = peers.Options.MaxMessageBytes;
            });
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 8 << 20;
            k.Listen(grpc, l => l.Protocols = HttpProtocols.Http2);
            k.Listen(http, l => l.Protocols = HttpProtocols.Http1);
            if (p2p is not null)
            {
                k.Listen(p2p, l =>
                {
                    l.Protocols = HttpProtocols.Http2;
                    l.UseHttps(PeerTls(parts.Peers!));
                });
            }
        });
        var web = builder.Build();
        web.MapGrpcService<ChainGrpcService>().RequireHost($"*:{grpc.Port}");
        if (p2p is not null)
        {
            web.MapGrpcService<PeerGrpcService>().RequireHost($"*:{p2p.Port}");
        }

        HttpApi.Map(web, parts.Api, () => true);
        return web;
    }

    /// <summary>Mutual TLS for peers: only certificates chaining to the chain's TLS roots get through the handshake.</summary>
    private static HttpsConnectionAdapterOptions PeerTls(PeerNetwork peers) => new()
    {
        ServerCertificate = peers.TlsCertificate,
        ClientCertificateMode = ClientCertificateMode.RequireCertificate,
        CheckCertificateRevocation = false,
        ClientCertificateValidation = (certificate, _, _) => peers.Trust.Check(certificate, DateTimeOffset.UtcNow) is null,
    };

    private static IPEndPoint ParseEndpoint(string text, string field)
    {
        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0)
        {
            return endpoint;
        }

        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan("localhost:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        throw new ChainError(ErrorCodes.ConfigInvalid, $"node.json field '{field}' is '{text}'; expected host:port such as 127.0.0.1:12300.");
    }
}
