using System.Security.Cryptography;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Core.Identity;
using Chainweave.Sdk;

namespace Chainweave.Cli.Bench;

/// <summary>
/// Throwaway client identities for load tests that need many senders (token transfers are from the
/// sender): certificates issued by the organisations' CAs of the network folder, round-robin over the
/// organisations, loaded from a temporary folder that is deleted on dispose.
/// </summary>
internal sealed class BenchAccounts : IDisposable
{
    private readonly string _folder;

    private BenchAccounts(string folder, IReadOnlyList<ClientIdentity> identities, IReadOnlyList<byte[]> holderIds)
    {
        _folder = folder;
        Identities = identities;
        HolderIds = holderIds;
    }

    public IReadOnlyList<ClientIdentity> Identities { get; }

    /// <summary>How a contract sees each account as sender: the hash of its certificate.</summary>
    public IReadOnlyList<byte[]> HolderIds { get; }

    public static BenchAccounts Issue(string networkDir, NetworkManifest network, ICryptoSuite suite, int count)
    {
        var orgs = network.Identities.Select(i => i.Org).Distinct(StringComparer.Ordinal).ToList();
        var cas = orgs.ConvertAll(org => LoadCa(networkDir, org));
        var issuer = new CertificateIssuer(suite.Name, DateTimeOffset.UtcNow.AddMinutes(-5));
        var folder = Path.Combine(Path.GetTempPath(), "chainweave-bench-" + Guid.NewGuid().ToString("N"));
        var identities = new List<ClientIdentity>(count);
        var holders = new List<byte[]>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var org = orgs[i % orgs.Count];
                var user = $"bench{i}";
                var identityFolder = Path.Combine(folder, $"{user}.{org}");
                IdentityFolder.Write(identityFolder, issuer.Issue(cas[i % orgs.Count], user, org, MemberRole.Client));
                var identity = ClientIdentity.Load(identityFolder, suite);
                identities.Add(identity);
                holders.Add(suite.Hash(identity.CertificateDer));
            }
        }
        catch
        {
            foreach (var identity in identities)
            {
                identity.Dispose();
            }

            DeleteQuietly(folder);
            throw;
        }

        return new BenchAccounts(folder, identities, holders);
    }

    public void Dispose()
    {
        foreach (var identity in Identities)
        {
            identity.Dispose();
        }

        DeleteQuietly(_folder);
    }

    private static IssuedCa LoadCa(string networkDir, string org)
    {
        var caDir = Path.Combine(networkDir, NetworkLayout.OrgsFolder, org, NetworkLayout.CaFolder);
        var certificate = ReadPem(Path.Combine(caDir, NetworkLayout.CaCertificateFileName), "CERTIFICATE");
        var key = ReadPem(Path.Combine(caDir, NetworkLayout.CaKeyFileName), "PRIVATE KEY");
        return new IssuedCa(certificate, key);
    }

    private static byte[] ReadPem(string path, string label)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ChainError(CliErrorCodes.ArgumentInvalid,
                $"the token bench issues its accounts' certificates with the organisations' CAs, but cannot read {path} ({e.Message})", e);
        }

        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual(label))
            {
                return Convert.FromBase64String(rest[fields.Base64Data].ToString());
            }

            rest = rest[fields.Location.End..];
        }

        throw new ChainError(ErrorCodes.IdentityInvalid, $"{path} holds no PEM {label}");
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Only litter in the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Only litter in the temp folder.
        }
    }
}
