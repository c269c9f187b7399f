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

    /// <summary>The same without indentation: one object per line, for streams of JSON lines (`watch --json`).</summary>
    public static readonly JsonSerializerOptions LineOptions = new(Options) { WriteIndented = false };

    /// <summary>Writes one indented JSON document to standard output.</summary>
    public static void Write<T>(IAnsiConsole console, T value) =>
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>Writes one JSON object on one line, and flushes it so a reader of the stream sees it at once.</summary>
    public static void WriteLine<T>(IAnsiConsole console, T value)
    {
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, LineOptions));
        console.Profile.Out.Writer.Flush();
    }
}
