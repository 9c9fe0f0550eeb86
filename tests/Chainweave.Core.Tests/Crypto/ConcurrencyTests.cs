using System.Text;
using Chainweave.Core.Crypto;

namespace Chainweave.Core.Tests.Crypto;

public class ConcurrencyTests
{
    private const int Threads = 8;

    [Theory]
    [InlineData("nist", 100)]
    [InlineData("sm", 6)]
    public void One_verifier_serves_many_threads_at_once(string name, int perThread)
    {
        using var signer = Suites.Get(name).GenerateKey();
        var verifier = signer.PublicKey;
        var messages = Enumerable.Range(0, 16).Select(i => Encoding.ASCII.GetBytes($"tx {i}")).ToArray();
        var signatures = messages.Select(m => signer.Sign(m)).ToArray();

        var results = RunOnThreads(thread =>
        {
            int wrong = 0;
            for (int i = 0; i < perThread; i++)
            {
                int m = (thread + i) % messages.Length;
                bool tampered = i % 5 == 4;
                var data = tampered ? messages[(m + 1) % messages.Length] : messages[m];
                var expected = tampered ? SignatureCheck.Invalid : SignatureCheck.Valid;
                wrong += verifier.Verify(data, signatures[m]) == expected ? 0 : 1;
            }

            return wrong;
        });

        Assert.All(results, wrong => Assert.Equal(0, wrong));
    }

    [Theory]
    [InlineData("nist", 30)]
    [InlineData("sm", 3)]
    public void One_signer_serves_many_threads_at_once(string name, int perThread)
    {
        using var signer = Suites.Get(name).GenerateKey();

        var results = RunOnThreads(thread =>
        {
            int wrong = 0;
            for (int i = 0; i < perThread; i++)
            {
                var data = Encoding.ASCII.GetBytes($"thread {thread} message {i}");
                wrong += signer.PublicKey.Verify(data, signer.Sign(data)) == SignatureCheck.Valid ? 0 : 1;
            }

            return wrong;
        });

        Assert.All(results, wrong => Assert.Equal(0, wrong));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void One_suite_hashes_on_many_threads_at_once(string name)
    {
        var suite = Suites.Get(name);
        var data = Encoding.ASCII.GetBytes("shared digest pool");
        var expected = suite.Hash(data);

        var results = RunOnThreads(_ =>
        {
            int wrong = 0;
            Span<byte> hash = stackalloc byte[32];
            for (int i = 0; i < 500; i++)
            {
                suite.Hash(data, hash);
                wrong += hash.SequenceEqual(expected) ? 0 : 1;
            }

            return wrong;
        });

        Assert.All(results, wrong => Assert.Equal(0, wrong));
    }

    private static int[] RunOnThreads(Func<int, int> work)
    {
        var results = new int[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            results[t] = work(t);
        })).ToArray();

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return results;
    }
}
