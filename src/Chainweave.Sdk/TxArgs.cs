using System.Text;
using Chainweave.Api.Ledger;
using Google.Protobuf;

namespace Chainweave.Sdk;

/// <summary>Shorthands for building the ordered argument list of a contract call.</summary>
public static class TxArgs
{
    public static Arg Utf8(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return new Arg { Key = key, Value = ByteString.CopyFrom(Encoding.UTF8.GetBytes(value)) };
    }

    public static Arg Bytes(string key, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Arg { Key = key, Value = ByteString.CopyFrom(value) };
    }
}
