using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Xunit.Abstractions;

namespace Chainweave.Consensus.Tests.Raft;

public sealed class RaftTlsTests : IDisposable
{
    private readonly TestOutputLoggerFactory _logs;
    private readonly X509Certificate2[] _certificates;
    private readonly HashSet<string> _trusted;

    public RaftTlsTests(ITestOutputHelper output)
    {
        _logs = new TestOutputLoggerFactory(output);
        _certificates = [.. Enumerable.Range(1, 3).Select(i => SelfSigned($"node{i}"))];
        _trusted = [.. _certificates.Select(certificate => certificate.Thumbprint)];
    }

    [Fact]
    public async Task Members_with_mutual_TLS_commit_identical_blocks()
    {
        await using var cluster = new RaftTestCluster(_logs, (i, options) => options with
        {
            ServerTls = new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificates[i],
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = IsTrusted,
            },
            ClientTls = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [_certificates[i]],
                RemoteCertificateValidationCallback = IsTrusted,
            },
        });
        cluster.StartAll();

        var txs = cluster.Submit(3);
        await Task.WhenAll(cluster.Nodes.Select(node => node.WaitForTxsAsync(txs)));

        var height = cluster.Nodes.Max(node => node.Height);
        await Task.WhenAll(cluster.Nodes.Select(node => node.WaitForHeightAsync(height)));
        for (var h = 1UL; h <= height; h++)
        {
            var expected = cluster.Nodes[0].Ledger.GetBlockBytes(h);
            Assert.All(cluster.Nodes, node => Assert.Equal(expected, node.Ledger.GetBlockBytes(h)));
        }
    }

    public void Dispose()
    {
        foreach (var certificate in _certificates)
        {
            certificate.Dispose();
        }
    }

    // Pinning stands in for the organisations' TLS CAs: only the three members' certificates pass.
    private bool IsTrusted(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && _trusted.Contains(certificate.GetCertHashString());

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

        // Through PKCS#12 so the private key is usable by the TLS stack, not only by this process's key object.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
