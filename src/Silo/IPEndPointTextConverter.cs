using System.ComponentModel;
using System.Globalization;
using System.Net;

namespace Mentia.Silo;

/// <summary>Text ↔ <see cref="IPEndPoint"/> with a port (127.0.0.1:11111, [::1]:11111) for the configuration binder; registered by <see cref="SiloSetting"/>.</summary>
internal sealed class IPEndPointTextConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string s && IPEndPoint.TryParse(s, out var ep) && ep.Port > 0 ? ep : throw new FormatException($"'{value}' is not an address and port");
}
