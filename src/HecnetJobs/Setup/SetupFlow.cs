using System.Globalization;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Setup;

/// <summary>
/// The questions of <c>setup</c> in order, each with the default setup found: PyDECnet's config first (it names the
/// node, the API socket and the names file), then the program and its arguments, the node name, ncp, the nodes to
/// watch, mail, the dead man's switch and the data folder. Notes about what will not work well are collected on the way.
/// </summary>
public sealed partial class SetupFlow(SetupContext context, IAnswerSource source)
{
    private readonly AnswerRules _rules = new(context.Tools, context.Places.Home);

    /// <summary>Warnings for the user: things the config cannot fix, said once before the file is written.</summary>
    public List<string> Notes { get; } = [];

    private SetupFlags Flags => context.Flags;

    private Discovery Found => context.Found;

    public SetupAnswers Ask()
    {
        var config = source.Ask(new Question<PydecnetConfig>(SetupFlags.PydecnetConfigFlag, "PyDECnet config file(s)",
            SetupFlags.Joined(Flags.PydecnetConfigs) ?? SetupFlags.Joined(Found.DefaultConfigFiles), _rules.PydecnetConfigFiles)
        {
            Missing = "missing: no PyDECnet config file was found in the usual places; name the file(s) PyDECnet is started with",
        });
        source.Say(Discovery.Summary(config));
        var running = Found.Running.FirstOrDefault(r => r.ConfigFiles.SequenceEqual(config.ConfigFiles));

        var install = source.Ask(new Question<PydecnetInstall>(SetupFlags.PydecnetCommandFlag, "PyDECnet program, or the folder of its source checkout",
            Flags.PydecnetCommand ?? ProgramDefault(running), text => running is not null && text == AsRunning(running) ? Parsed.Ok(InstallOf(running)) : _rules.Program(text))
        {
            Missing = "missing: no pydecnet was found on PATH or in the usual places; give its path",
        });

        string command;
        IReadOnlyList<string> arguments;
        string? workingDirectory;
        if (running is not null && Runs(running, install))
        {
            (command, arguments, workingDirectory) = (running.Command, running.Arguments, running.WorkingDirectory);
            source.Say($"  arguments as PyDECnet runs now (PID {running.Pid.ToString(CultureInfo.InvariantCulture)}), so the watchdog recognises it: {string.Join(' ', arguments)}");
        }
        else
        {
            var log = source.Ask(new Question<string?>(SetupFlags.PydecnetLogFlag, "PyDECnet log file (-L), or none",
                Flags.PydecnetLog ?? running?.LogFile ?? AnswerRules.None, _rules.LogFile));
            (command, arguments, workingDirectory) = (install.Command, [.. install.LeadingArguments, .. log is null ? [] : new[] { "-L", log }, .. config.ConfigFiles], install.WorkingDirectory);
            if (running is not null)
                Notes.Add($"PyDECnet runs now (PID {running.Pid.ToString(CultureInfo.InvariantCulture)}) as '{running.Display}', which the watchdog will not recognise as the one it starts: stop that one once HecnetJobs runs, or answer with the program offered");
        }

        var nodeName = source.Ask(new Question<string>(SetupFlags.NodeNameFlag, "Node name in alert subjects",
            Flags.NodeName ?? config.OwnName ?? HostNodeName(), AnswerRules.NodeName)
        {
            Missing = "missing: PyDECnet's config names no node for its routing address; give the node name",
        });

        var ncp = source.Ask(new Question<string>(SetupFlags.NcpFlag, "ncp program",
            Flags.Ncp ?? install.Ncp ?? (install.IsCheckout ? Found.Ncp : context.Tools.FindNcp(install.Command)), _rules.Ncp)
        {
            Missing = "missing: no ncp was found beside pydecnet, on PATH or in the usual places; give its path",
        });
        if (Path.GetFileName(Path.GetDirectoryName(ncp)) == "applications" && File.Exists(Path.Combine(Path.GetDirectoryName(ncp)!, "..", "decnet", "main.py")))
            Notes.Add($"{ncp} is a source checkout's ncp, which needs PyDECnet's package importable: pip install the checkout, or give the service Environment=PYTHONPATH={Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ncp)!, ".."))} in a drop-in (systemctl edit hecnetjobs)");

        var targets = source.Ask(new Question<IReadOnlyList<string>>(SetupFlags.TargetFlag, "Nodes to watch (names or area.node, separated by spaces)",
            SetupFlags.Joined(Flags.Targets) ?? "MIM", AnswerRules.Targets));

        var (smtp, password) = AskMail();

        var ping = source.Ask(new Question<string?>(SetupFlags.PingUrlFlag, "Dead man's switch URL (Healthchecks-style, pinged after each watchdog run), or none",
            Flags.PingUrl ?? AnswerRules.None, AnswerRules.PingUrl) { Shown = false });

        var namesFile = AskNamesFile(config);

        var dataDir = source.Ask(new Question<string>(SetupFlags.DataDirFlag, "Data folder (database, status file, logs, .eml alerts)",
            Flags.DataDir ?? context.DefaultDataDir, _rules.DataDir));

        var apiSocket = Path.GetFullPath(config.ApiSocketPath!, workingDirectory ?? dataDir);
        NoteWhatWillNotWork(config, apiSocket);
        return new SetupAnswers
        {
            DataDir = dataDir,
            NodeName = nodeName,
            PydecnetConfig = config,
            PydecnetCommand = command,
            PydecnetArguments = arguments,
            PydecnetWorkingDirectory = workingDirectory,
            ApiSocket = apiSocket,
            HttpPort = config.HttpPort is { } port && ReachableOnLoopback(config.HttpAddress) ? port : null,
            NcpCommand = ncp,
            Targets = targets,
            Circuit = config.FirstCircuit?.Name,
            Smtp = smtp,
            SmtpPassword = password,
            PingUrl = ping,
            NamesFile = namesFile,
        };
    }

    /// <summary>The answer that picks the running PyDECnet's program, else the first one found.</summary>
    private string? ProgramDefault(RunningPydecnet? running)
    {
        if (running is not null)
            return AsRunning(running);
        return Found.Installs is [var first, ..] ? (first.IsCheckout ? first.WorkingDirectory : first.Command) : null;
    }

    /// <summary>The answer for the running PyDECnet's program: its script, or <c>PYTHON -m decnet.main</c> (a checkout, or a package installed without its script).</summary>
    private static string AsRunning(RunningPydecnet running) =>
        IsModule(running) ? $"{running.Command} -m decnet.main" : running.Command;

    private PydecnetInstall InstallOf(RunningPydecnet running) => IsModule(running)
        ? new PydecnetInstall(running.Command, PydecnetInstall.ModuleArguments, running.WorkingDirectory,
            running.WorkingDirectory is { } folder ? context.Tools.Checkout(folder)?.Ncp : null, "running")
        : new PydecnetInstall(running.Command, [], null, null, "running");

    /// <summary>Whether the chosen program is the one <paramref name="running"/> runs (for a checkout: the same folder; the interpreter may be spelled differently).</summary>
    private static bool Runs(RunningPydecnet running, PydecnetInstall install) =>
        install.IsCheckout ? IsModule(running) && running.WorkingDirectory == install.WorkingDirectory : !IsModule(running) && running.Command == install.Command;

    private static bool IsModule(RunningPydecnet running) =>
        running.Arguments.Count >= 2 && running.Arguments[0] == "-m" && running.Arguments[1] == "decnet.main";

    private string? HostNodeName()
    {
        var name = context.Places.HostName.Split('.')[0];
        return AnswerRules.NodeName(name).IsValid ? name.ToUpperInvariant() : null;
    }

    private string? AskNamesFile(PydecnetConfig config)
    {
        var included = config.NamesIncludes.Select(i => i.Path).Distinct().ToList();
        if (included.Count <= 1)
            return null;
        return source.Ask(new Question<string>(SetupFlags.NamesFileFlag, $"Names file for name-refresh to rewrite ({string.Join(", ", included)})",
            Flags.NamesFile ?? included[0], text => _rules.NamesFile(text, included)));
    }

    private void NoteWhatWillNotWork(PydecnetConfig config, string apiSocket)
    {
        if (apiSocket.StartsWith("/tmp/", StringComparison.Ordinal))
            Notes.Add($"PyDECnet's API socket {apiSocket} is under /tmp, which the service's private /tmp hides after a restart of HecnetJobs: point PyDECnet's 'api' line at /run/pydecnet/api.sock (docs/install.md)");
        if (config.NamesIncludes.Count == 0)
            Notes.Add("PyDECnet's config includes no names file, so name-refresh has none to write: add 'node @nodenames.dat' to it, or remove name-refresh from jobs.xml");
        if (config.HttpPort is { } port && !ReachableOnLoopback(config.HttpAddress))
            Notes.Add($"PyDECnet's HTTP monitor listens on {config.HttpAddress} port {port.ToString(CultureInfo.InvariantCulture)}, not on 127.0.0.1, so the watchdog's main-loop check is left out (pydecnet.httpPort)");
    }

    /// <summary>Whether the watchdog's probe of 127.0.0.1 reaches an HTTP monitor bound to <paramref name="address"/> (null: all addresses).</summary>
    private static bool ReachableOnLoopback(string? address) =>
        address is null or "" or "0.0.0.0" or "::" or "127.0.0.1" or "::1" or "localhost";
}
