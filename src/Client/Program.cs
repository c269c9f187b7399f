// SIGINT and SIGTERM are listened for before anything else runs: from the first line on, they stop the command (exit 130/143).
using var signals = Mentia.Client.Infrastructure.StopSignals.Listen();
return Mentia.Client.MentiaApp.Run(args, signals: signals);
