using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Mentia.Client.Infrastructure;

/// <summary>Machine-readable output: camelCase JSON, enums as strings, written raw (no markup).</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(IAnsiConsole console, T value) =>
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, Options));
}
