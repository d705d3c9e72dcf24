using System.CommandLine;
using HecnetJobs.Config;

namespace HecnetJobs.Cli;

/// <summary>Options every command takes.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Config = new("--config", "-c")
    {
        Description = $"The config file (else ${ConfigLocator.EnvironmentVariable}, {ConfigLocator.SystemPath}, ./{ConfigLocator.LocalPath})",
        Recursive = true,
        HelpName = "PATH",
    };

    public static HecnetJobsOptions LoadConfig(ParseResult parse) =>
        ConfigLoader.Load(ConfigLocator.Locate(parse.GetValue(Config)));
}
