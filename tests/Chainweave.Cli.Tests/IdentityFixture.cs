using Chainweave.Core.Identity;

namespace Chainweave.Cli.Tests;

/// <summary>Writes a client identity folder (cert.pem + key.pem) of org1 for a suite.</summary>
internal static class IdentityFixture
{
    public static string WriteClient(TempDir dir, string suite, string org = "org1")
    {
        var issuer = new CertificateIssuer(suite, DateTimeOffset.UtcNow.AddMinutes(-1));
        var ca = issuer.CreateRootCa(org);
        var client = issuer.Issue(ca, "client1", org, MemberRole.Client);
        var folder = dir.Combine($"client1-{suite}");
        IdentityFolder.Write(folder, client);
        return folder;
    }
}
