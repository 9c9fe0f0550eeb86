using System.Text;
using Chainweave.Api.Ledger;
using Google.Protobuf;

namespace Chainweave.Contracts.Wasm.Tests;

/// <summary>Argument lists for calls: text values as UTF-8, byte values as they are.</summary>
internal static class A
{
    public static List<Arg> Args(params (string Key, object Value)[] pairs) =>
        [.. pairs.Select(p => new Arg
        {
            Key = p.Key,
            Value = p.Value switch
            {
                byte[] bytes => ByteString.CopyFrom(bytes),
                _ => ByteString.CopyFromUtf8(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!),
            },
        })];

    public static string Text(byte[] value) => Encoding.UTF8.GetString(value);
}
