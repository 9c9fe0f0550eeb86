using System.Buffers;
using System.Text;
using System.Text.Json;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.SystemContracts;

/// <summary>The stored form of an evidence record: compact JSON, so a query result is readable as is.</summary>
internal static class EvidenceRecord
{
    public static byte[] Encode(byte[] id, string hash, byte[] meta, IContractContext context)
    {
        // A right-sized buffer: a Stream-backed writer would grow by 4 KiB per record.
        var buffer = new ArrayBufferWriter<byte>(192 + id.Length + hash.Length + meta.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Encoding.UTF8.GetString(id));
            writer.WriteString("hash", hash);
            if (meta.Length > 0)
            {
                writer.WritePropertyName("meta");
                writer.WriteRawValue(meta, skipInputValidation: true);
            }
            else
            {
                writer.WriteNull("meta");
            }

            writer.WriteString("txId", Convert.ToHexStringLower(context.TxId.Span));
            writer.WriteNumber("blockHeight", context.BlockHeight);
            writer.WriteNumber("timestamp", context.BlockTimeMs);
            writer.WriteString("org", context.Sender.OrgId);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
