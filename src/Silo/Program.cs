using Mentia.Silo;

// `Mentia.Silo [--name value ...]`: settings come from MENTIA_* variables, overridden by --kebab-case flags.
SiloSettings settings;
try
{
    settings = SiloSettings.FromEnvironmentAndArgs(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
var app = SiloHostBuilder.Build(settings);
LocalModeWarning.Log(app.Logger, settings);
await app.RunAsync();
return 0;
