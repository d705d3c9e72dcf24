using System.CommandLine;
using HecnetJobs.Config;
using HecnetJobs.Setup;

namespace HecnetJobs.Cli;

/// <summary>
/// <c>hecnetjobs setup</c>: finds PyDECnet and ncp, asks the few questions that matter and writes a config that
/// <c>check</c> accepts (<see cref="SetupRun"/>). Exit codes: 0 written, 2 usage (also a missing or wrong flag with
/// <c>--non-interactive</c>), 66 the input ended (nothing written), 73 the config exists (no <c>--force</c>) or cannot be written.
/// </summary>
internal static class SetupCommand
{
    private static readonly Option<bool> NonInteractive = new("--non-interactive") { Description = "Ask nothing: take the flags, else what was found; a missing answer is an error naming its flag" };
    private static readonly Option<bool> Force = new("--force") { Description = "Replace an existing config file (the old one is kept as .bak)" };
    private static readonly Option<string?> NodeName = Text(SetupFlags.NodeNameFlag, "NAME", "The node name in alert subjects (default: from PyDECnet's config)");
    private static readonly Option<string[]> PydecnetConfig = List(SetupFlags.PydecnetConfigFlag, "FILE", "PyDECnet's config file, as on its command line; repeat for several");
    private static readonly Option<string?> PydecnetCommand = Text(SetupFlags.PydecnetCommandFlag, "PATH", "The pydecnet program, or the folder of a source checkout (run as python3 -m decnet.main)");
    private static readonly Option<string?> PydecnetLog = Text(SetupFlags.PydecnetLogFlag, "FILE", "PyDECnet's log file (its -L), or none (default none)");
    private static readonly Option<string?> Ncp = Text(SetupFlags.NcpFlag, "PATH", "PyDECnet's ncp program (default: beside pydecnet, or on PATH)");
    private static readonly Option<string[]> Target = List(SetupFlags.TargetFlag, "NODE", "A node to watch (name or area.node); repeat for several (default MIM)");
    private static readonly Option<string?> Mail = Text(SetupFlags.MailFlag, "eml|smtp", "Alerts as .eml files (default) or through a mail server");
    private static readonly Option<string?> SmtpHost = Text(SetupFlags.SmtpHostFlag, "HOST", "The mail server (implies --mail smtp)");
    private static readonly Option<int?> SmtpPort = new(SetupFlags.SmtpPortFlag) { Description = "Its port (default 587)", HelpName = "PORT" };
    private static readonly Option<string?> SmtpSecurity = Text(SetupFlags.SmtpSecurityFlag, "starttls|tls|none", "Default: tls on port 465, none for a server on this machine, else starttls");
    private static readonly Option<string?> SmtpUser = Text(SetupFlags.SmtpUserFlag, "USER", $"The login; its password comes from ${ConfigLoader.SmtpPasswordVariable}, never from a flag");
    private static readonly Option<string[]> MailTo = List(SetupFlags.MailToFlag, "ADDRESS", "A recipient; repeat for several (default: the login when it is an address)");
    private static readonly Option<string?> MailFrom = Text(SetupFlags.MailFromFlag, "ADDRESS", "The sender (default: the login when it is an address, else the first recipient)");
    private static readonly Option<string?> PingUrl = Text(SetupFlags.PingUrlFlag, "URL", "A Healthchecks-style dead man's switch URL, or none (default none)");
    private static readonly Option<string?> NamesFile = Text(SetupFlags.NamesFileFlag, "FILE", "When PyDECnet's config includes several names files: the one name-refresh rewrites");
    private static readonly Option<string?> DataDir = Text(SetupFlags.DataDirFlag, "DIR", "The data folder (default /var/lib/hecnetjobs as root, else data beside the config)");

    public static Command Create()
    {
        Mail.AcceptOnlyFromAmong(AnswerRules.Eml, SetupFlags.MailSmtp);
        SmtpSecurity.AcceptOnlyFromAmong(Alerts.SmtpSecurity.All.ToArray());
        var command = new Command("setup", "Find PyDECnet and ncp, ask a few questions, and write a config file that check accepts (--config PATH says where).")
        {
            NonInteractive, Force, NodeName, PydecnetConfig, PydecnetCommand, PydecnetLog, Ncp, Target, Mail, SmtpHost, SmtpPort,
            SmtpSecurity, SmtpUser, MailTo, MailFrom, PingUrl, NamesFile, DataDir,
        };
        command.SetAction(parse =>
        {
            // Here rather than in a validator: a validator runs before the values are known to parse.
            var flags = Flags(o => parse.GetValue(o), o => parse.GetValue(o), o => parse.GetValue(o));
            if (flags.Conflict() is { } conflict)
                throw new HecnetJobsException(conflict, ExitCodes.Usage);
            var output = parse.InvocationConfiguration.Output;
            var places = SetupPlaces.FromEnvironment();
            var tools = new ToolFinder(places);
            var context = new SetupContext
            {
                Places = places,
                Tools = tools,
                Found = Discovery.Run(places, tools),
                Flags = flags,
                ConfigFile = Path.GetFullPath(ConfigFile(parse.GetValue(CommonOptions.Config), places.IsRoot)),
                SmtpPasswordFromEnvironment = Environment.GetEnvironmentVariable(ConfigLoader.SmtpPasswordVariable) is { Length: > 0 } password ? password : null,
            };
            var interactive = !parse.GetValue(NonInteractive);
            IAnswerSource source = interactive
                ? new Prompter(Console.In, output, Console.IsInputRedirected ? null : new TerminalSecretReader(output))
                : new FlagAnswers(output);
            return new SetupRun(context, source, output).Run(parse.GetValue(Force), interactive);
        });
        return command;
    }

    /// <summary>Where to write: <c>--config</c>, else <c>$HECNETJOBS_CONFIG</c>, else the service's path as root, else <c>./hecnetjobs.json</c>.</summary>
    private static string ConfigFile(string? fromCommandLine, bool isRoot) =>
        fromCommandLine is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(ConfigLocator.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : isRoot ? ConfigLocator.SystemPath
        : ConfigLocator.LocalPath;

    /// <summary>The flags' values, read through getters of the parse result.</summary>
    private static SetupFlags Flags(Func<Option<string?>, string?> text, Func<Option<string[]>, string[]?> list, Func<Option<int?>, int?> number) => new()
    {
        NodeName = text(NodeName),
        PydecnetConfigs = list(PydecnetConfig) ?? [],
        PydecnetCommand = text(PydecnetCommand),
        PydecnetLog = text(PydecnetLog),
        Ncp = text(Ncp),
        Targets = list(Target) ?? [],
        // Any mail server setting implies mail through a server.
        Mail = text(Mail) ?? ((text(SmtpHost) ?? text(SmtpSecurity) ?? text(SmtpUser) ?? text(MailFrom) ?? number(SmtpPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? list(MailTo)?.FirstOrDefault()) is null ? null : SetupFlags.MailSmtp),
        SmtpHost = text(SmtpHost),
        SmtpPort = number(SmtpPort),
        SmtpSecurity = text(SmtpSecurity),
        SmtpUser = text(SmtpUser),
        MailTo = list(MailTo) ?? [],
        MailFrom = text(MailFrom),
        PingUrl = text(PingUrl),
        NamesFile = text(NamesFile),
        DataDir = text(DataDir),
    };

    private static Option<string?> Text(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName };

    private static Option<string[]> List(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => [] };
}
