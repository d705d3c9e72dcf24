return await HecnetJobs.Cli.CliApp.RunAsync(args);
