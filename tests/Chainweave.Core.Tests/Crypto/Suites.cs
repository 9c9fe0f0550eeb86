using Chainweave.Core.Crypto;

namespace Chainweave.Core.Tests.Crypto;

/// <summary>Theory data naming both suites, so round-trip tests run once per suite.</summary>
public static class Suites
{
    public static TheoryData<string> Names => new() { "nist", "sm" };

    public static ICryptoSuite Get(string name) => CryptoSuites.Get(name);
}
