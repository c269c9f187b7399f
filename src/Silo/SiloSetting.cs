using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Reflection;
using Mentia.Security;
using Microsoft.Extensions.Configuration;

namespace Mentia.Silo;

/// <summary>
/// One bound property of <see cref="SiloSettings"/>: its configuration key (SILO_PORT), variable (MENTIA_SILO_PORT)
/// and flag (--silo-port), and how its text converts, by the TypeConverter the configuration binder itself uses.
/// </summary>
internal sealed record SiloSetting(PropertyInfo Property, string Key)
{
    /// <summary>Every bound property, in declaration order: those with a [ConfigurationKeyName].</summary>
    public static readonly IReadOnlyList<SiloSetting> All = typeof(SiloSettings).GetProperties()
        .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>() is { } k ? new SiloSetting(p, k.Name) : null)
        .OfType<SiloSetting>()
        .ToList();

    /// <summary>Every configuration key the silo reads: the bound ones and ClusterTls's MENTIA_TLS_* (read as text).</summary>
    public static readonly IReadOnlyList<string> Keys = All.Select(s => s.Key)
        .Concat(new[] { TlsSettings.CertVariable, TlsSettings.KeyVariable, TlsSettings.CaVariable, TlsSettings.PasswordVariable }.Select(v => v[SiloSettings.Prefix.Length..]))
        .ToList();

    /// <summary>--silo-port → SILO_PORT, for every key: the command-line provider's switch mappings.</summary>
    public static readonly IDictionary<string, string> SwitchMappings = Keys.ToDictionary(k => "--" + k.ToLowerInvariant().Replace('_', '-'), k => k, StringComparer.OrdinalIgnoreCase);

    static SiloSetting()
    {
        // The binder converts text with TypeDescriptor's converter of the property's type; IPAddress and IPEndPoint
        // have none, so without these it would leave those properties at their defaults without a word.
        TypeDescriptor.AddAttributes(typeof(IPAddress), new TypeConverterAttribute(typeof(AddressTextConverter)));
        TypeDescriptor.AddAttributes(typeof(IPEndPoint), new TypeConverterAttribute(typeof(AddressTextConverter)));
    }

    public string Variable => SiloSettings.Prefix + Key;

    private Type ValueType => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;

    /// <summary>The text given, null when unset or empty (both mean the default, as for an unset variable).</summary>
    public string? Text(IConfiguration configuration) => configuration[Key] is { Length: > 0 } text ? text : null;

    /// <summary>Whether the binder can convert <paramref name="text"/> (culture-invariant, as it does).</summary>
    public bool Converts(string text) => ValueType == typeof(string) || TypeDescriptor.GetConverter(ValueType).IsValid(text);

    /// <summary>What is allowed, in words, from the property's type and its [Range] or [AllowedValues].</summary>
    public string Allowed()
    {
        if (Property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            return $"integers in [{range.Minimum}, {range.Maximum}]";
        }
        if (Property.GetCustomAttribute<AllowedValuesAttribute>() is { } values)
        {
            return string.Join(", ", values.Values);
        }
        return ValueType == typeof(bool) ? "true, false"
            : ValueType == typeof(IPEndPoint) ? "an address and port such as 127.0.0.1:11111"
            : ValueType == typeof(IPAddress) ? "an IP address such as 10.1.2.3 or ::1"
            : "any text";
    }

    /// <summary>
    /// What the binder is given: each setting's non-empty text that converts, lower-cased where the allowed values
    /// are names (MENTIA_MODE=Cluster is cluster, as it always was). Everything else stays with the validator.
    /// </summary>
    public static IConfiguration Bindable(IConfiguration configuration) => new ConfigurationBuilder()
        .AddInMemoryCollection(All
            .Select(s => (Setting: s, Text: s.Text(configuration)))
            .Where(x => x.Text is not null && x.Setting.Converts(x.Text))
            .Select(x => KeyValuePair.Create(x.Setting.Key, (string?)(x.Setting.Property.IsDefined(typeof(AllowedValuesAttribute)) ? x.Text!.ToLowerInvariant() : x.Text))))
        .Build();

    /// <summary>
    /// <paramref name="args"/> when every argument is --name value or --name=value with a known name; the
    /// command-line provider itself would take an unknown --name as a key of its own and drop a stray word.
    /// </summary>
    /// <exception cref="ArgumentException">The first argument that is not.</exception>
    public static string[] CheckArguments(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || (!args[i].Contains('=') && i + 1 >= args.Length))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'; use --name value, e.g. --silo-port 11112 (names: the MENTIA_* variables in kebab case)");
            }
            if (!SwitchMappings.ContainsKey(name))
            {
                throw new ArgumentException($"unknown option '{name}'; known: {string.Join(", ", SwitchMappings.Keys)}");
            }
            if (!args[i].Contains('='))
            {
                i++;
            }
        }
        return args;
    }
}
