return Mentia.Client.MentiaApp.Run(args);
