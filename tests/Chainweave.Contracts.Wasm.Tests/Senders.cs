using System.Security.Cryptography;
using System.Text;
using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm.Tests;

internal static class Senders
{
    public static SenderInfo Alice { get; } = new("org1", "client", Id("alice"));

    public static SenderInfo Bob { get; } = new("org2", "client", Id("bob"));

    public static SenderInfo Carol { get; } = new("org2", "client", Id("carol"));

    public static SenderInfo Admin { get; } = new("org1", "admin", Id("admin"));

    private static byte[] Id(string name) => SHA256.HashData(Encoding.UTF8.GetBytes(name));
}
