using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chainweave.Core.Genesis;

/// <summary>Source-generated, camelCase JSON for network.json and node.json.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    IndentSize = 2,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(NetworkManifest))]
[JsonSerializable(typeof(NodeConfig))]
internal sealed partial class LayoutJsonContext : JsonSerializerContext;
