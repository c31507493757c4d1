using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace CoStor.Appliance.Configuration;

/// <summary>Source-generated Tomlyn metadata (no reflection; AOT-clean). Keys are snake_case.</summary>
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[TomlSerializable(typeof(ConfigDocument))]
internal sealed partial class ConfigTomlContext : TomlSerializerContext
{
}
