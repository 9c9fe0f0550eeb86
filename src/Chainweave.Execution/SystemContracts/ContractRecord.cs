using System.Text;
using System.Text.Json;

namespace Chainweave.Execution.SystemContracts;

/// <summary>
/// An installed contract's metadata as CONTRACT_MANAGE stores it under <c>contract/{name}</c>:
/// UTF-8 JSON written field by field, so every node encodes it byte for byte alike.
/// </summary>
public sealed record ContractRecord(string Name, string Version, byte[] CodeHash, string Status, string InstallerOrg, IReadOnlyList<string> Methods)
{
    public const string Active = "active";
    public const string Frozen = "frozen";
    public const string Revoked = "revoked";

    public string CodeHashHex => Convert.ToHexStringLower(CodeHash);

    /// <summary>The stored form, which is also what <c>get</c> returns.</summary>
    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            WriteTo(json);
        }

        return stream.ToArray();
    }

    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("name", Name);
        json.WriteString("version", Version);
        json.WriteString("codeHash", CodeHashHex);
        json.WriteString("status", Status);
        json.WriteString("installerOrg", InstallerOrg);
        json.WriteStartArray("methods");
        for (var i = 0; i < Methods.Count; i++)
        {
            json.WriteStringValue(Methods[i]);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Null when the bytes are not a record this contract wrote.</summary>
    public static ContractRecord? TryDecode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            var methods = new List<string>();
            foreach (var method in root.GetProperty("methods").EnumerateArray())
            {
                methods.Add(method.GetString() ?? string.Empty);
            }

            return new ContractRecord(
                root.GetProperty("name").GetString() ?? string.Empty,
                root.GetProperty("version").GetString() ?? string.Empty,
                Convert.FromHexString(root.GetProperty("codeHash").GetString() ?? string.Empty),
                root.GetProperty("status").GetString() ?? string.Empty,
                root.GetProperty("installerOrg").GetString() ?? string.Empty,
                methods);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>State key of a contract's metadata.</summary>
    public static byte[] MetaKey(string name) => Encoding.UTF8.GetBytes(MetaPrefix + name);

    /// <summary>State key of installed code, stored once per code hash.</summary>
    public static byte[] CodeKey(ReadOnlySpan<byte> codeHash) => Encoding.UTF8.GetBytes(CodePrefix + Convert.ToHexStringLower(codeHash));

    public const string MetaPrefix = "contract/";

    /// <summary>The first key after every <see cref="MetaPrefix"/> key ('/' + 1 = '0').</summary>
    public const string MetaPrefixEnd = "contract0";

    public const string CodePrefix = "code/";
}
