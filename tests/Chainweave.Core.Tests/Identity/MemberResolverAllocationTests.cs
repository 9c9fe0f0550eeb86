using Chainweave.Core.Identity;

namespace Chainweave.Core.Tests.Identity;

public class MemberResolverAllocationTests
{
    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void Resolving_a_cached_certificate_allocates_nothing(string suiteName)
    {
        var fixture = new ResolverFixture(suiteName);
        var resolver = new MemberResolver(fixture.Config, fixture.Suite, NothingRegistered.Instance, NothingRegistered.Instance);
        var member = ResolverFixture.CertMember("org1", fixture.Client1().CertificateDer);
        Assert.True(resolver.Resolve(member, ResolverFixture.NowMs).IsResolved);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            resolver.Resolve(member, ResolverFixture.NowMs);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        Assert.True(perCall < 1, $"{perCall} bytes allocated per cached resolution");
    }

    private sealed class NothingRegistered : ICertificateLookup, IRevocationList
    {
        public static readonly NothingRegistered Instance = new();

        public byte[]? FindCertificate(ReadOnlySpan<byte> certHash) => null;

        public bool IsRevoked(ReadOnlySpan<byte> certHash) => false;
    }
}
