using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization;

namespace Mentia.GrainInterfaces;

/// <summary>
/// The engine's and analysis' plain records (Mentia.Core, Mentia.Analysis) cross grain boundaries as
/// JSON: those libraries stay free of Orleans, and the records are small (statistics, fit results).
/// Tensors never travel: only blob names and hashes do.
/// </summary>
public static class MentiaSerialization
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static bool IsPlainMentiaType(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("Mentia.Core", StringComparison.Ordinal) || ns.StartsWith("Mentia.Analysis", StringComparison.Ordinal));

    public static ISerializerBuilder AddMentiaJson(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(IsPlainMentiaType, JsonOptions);
}
