using System.ComponentModel;
using System.Globalization;
using System.Net;

namespace Mentia.Silo;

/// <summary>
/// Text → <see cref="IPAddress"/> (10.1.2.3, ::1) or <see cref="IPEndPoint"/> with a port (127.0.0.1:11111) for the
/// configuration binder, which converts through TypeDescriptor and finds no converter for either; registered for
/// both by <see cref="SiloSetting"/>. TypeDescriptor passes the type it converts to.
/// </summary>
internal sealed class AddressTextConverter(Type type) : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        (value as string) is { } s && Parse(s) is { } parsed ? parsed : throw new FormatException($"'{value}' is not {(type == typeof(IPEndPoint) ? "an address and port" : "an IP address")}");

    private object? Parse(string s) => type == typeof(IPEndPoint)
        ? IPEndPoint.TryParse(s, out var ep) && ep.Port > 0 ? ep : null
        : IPAddress.TryParse(s, out var ip) ? ip : null;
}
