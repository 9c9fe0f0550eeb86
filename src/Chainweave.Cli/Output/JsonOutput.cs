using System.Text;
using System.Text.Json;

namespace Chainweave.Cli.Output;

/// <summary>Machine output for `--json`: one indented JSON document per command.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> writeObject)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writeObject(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Writes text that should be JSON as embedded JSON, or as a string when it is not valid JSON.</summary>
    public static void WriteJsonOrString(Utf8JsonWriter writer, string name, string text)
    {
        if (text.Length == 0)
        {
            writer.WriteNull(name);
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            writer.WritePropertyName(name);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteString(name, text);
        }
    }

    /// <summary>Bytes as UTF-8 text when they are printable UTF-8, else as hex; with a marker of which.</summary>
    public static void WriteBytes(Utf8JsonWriter writer, string name, ReadOnlySpan<byte> bytes)
    {
        if (TextOrHex.TryUtf8(bytes, out var text))
        {
            writer.WriteString(name, text);
        }
        else
        {
            writer.WriteString(name + "Hex", Convert.ToHexStringLower(bytes));
        }
    }
}
