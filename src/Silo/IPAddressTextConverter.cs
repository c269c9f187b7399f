using System.ComponentModel;
using System.Globalization;
using System.Net;

namespace Mentia.Silo;

/// <summary>Text ↔ <see cref="IPAddress"/> for the configuration binder (IPAddress.Parse: 10.1.2.3, ::1); registered by <see cref="SiloSetting"/>.</summary>
internal sealed class IPAddressTextConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string s && IPAddress.TryParse(s, out var ip) ? ip : throw new FormatException($"'{value}' is not an IP address");
}
