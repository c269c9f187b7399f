using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Mentia.Silo;

/// <summary>
/// Validates bound <see cref="SiloSettings"/> by their [Range] and [AllowedValues], and reports the values the
/// binder was not given because they do not convert (an integer or bool that is not one): every problem at once,
/// each as MENTIA_NAME='text as given' is not allowed; allowed: ... . DataAnnotations' own messages name the
/// property, not the variable, and not the value, hence this validator rather than ValidateDataAnnotations.
/// </summary>
/// <param name="configuration">The configuration the settings were bound from (keys without MENTIA_): the text as given.</param>
public sealed class SiloSettingsValidation(IConfiguration configuration) : IValidateOptions<SiloSettings>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SiloSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var setting in SiloSetting.All)
        {
            if (setting.Text(configuration) is not { } text)
            {
                continue;
            }
            var value = setting.Property.GetValue(options);
            if (!setting.Converts(text) || setting.Property.GetCustomAttributes<ValidationAttribute>().Any(a => !a.IsValid(value)))
            {
                failures.Add($"{setting.Variable}='{text}' is not allowed; allowed: {setting.Allowed()}");
            }
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
