using System.Runtime.Versioning;
using HecnetJobs.Setup;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>
/// A made-up machine in a temporary folder for <c>setup</c>: a home folder, system folders, PyDECnet's config in
/// <c>etc/pydecnet</c> (node 9.54 SAMPLE, a names file, an API socket and HTTP port) and an empty process table.
/// Installs of PyDECnet are the simulator's programs linked in where a user would have them.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SetupRig : IDisposable
{
    public SetupRig()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Dir.File("proc"));
        Dir.Write("etc/pydecnet/nodenames.dat", "1.13 MIM\n1.2 ERNIE\n");
        PydecnetConfig = Dir.Write("etc/pydecnet/node.conf", $"""
            routing 9.54 --type l2router
            node 9.54 SAMPLE
            node @nodenames.dat
            circuit dmc-0 DDCMP --mode tcp --cost 3
            api {Dir.File("run/api.sock")}
            http --http-port 18777
            """);
        Places = new SetupPlaces
        {
            PathFolders = [Dir.File("usr/bin")],
            Home = Home,
            HomesRoot = Dir.File("home"),
            SystemBins = [Dir.File("usr/local/bin")],
            SystemRoots = [Dir.File("opt/pydecnet")],
            ConfigPlaces = [Dir.File("etc/pydecnet")],
            ProcRoot = Dir.File("proc"),
            HostName = "testhost",
        };
    }

    public TempDir Dir { get; } = new();

    public string Home => Dir.File("home/pi");

    public string PydecnetConfig { get; }

    public SetupPlaces Places { get; set; }

    public string ConfigFile => Dir.File("out/config.json");

    public string DataDir => Dir.File("data");

    /// <summary>Links the simulator's pydecnet and ncp into <paramref name="bin"/> (a folder under the rig), as an install would put them.</summary>
    public (string Pydecnet, string Ncp) Install(string bin)
    {
        var folder = Dir.File(bin);
        Directory.CreateDirectory(folder);
        var pydecnet = Path.Combine(folder, "pydecnet");
        var ncp = Path.Combine(folder, "ncp");
        File.CreateSymbolicLink(pydecnet, RepoPaths.Sim("pydecnet"));
        File.CreateSymbolicLink(ncp, RepoPaths.Sim("ncp"));
        return (pydecnet, ncp);
    }

    /// <summary>A PyDECnet source checkout (the git repository's layout: <c>pydecnet/decnet/main.py</c>, <c>pydecnet/applications/ncp</c>) under <paramref name="root"/>; returns the package folder.</summary>
    public string Checkout(string root)
    {
        var package = Dir.File(Path.Combine(root, "pydecnet"));
        Dir.Write(Path.Combine(root, "pydecnet", "decnet", "main.py"), "# PyDECnet's main module\n");
        var ncp = Dir.Write(Path.Combine(root, "pydecnet", "applications", "ncp"), "#!/usr/bin/env python3\n");
        File.SetUnixFileMode(ncp, File.GetUnixFileMode(ncp) | UnixFileMode.UserExecute);
        return package;
    }

    public SetupContext Context(SetupFlags? flags = null, string? smtpPassword = null)
    {
        var tools = new ToolFinder(Places);
        return new SetupContext
        {
            Places = Places,
            Tools = tools,
            Found = Discovery.Run(Places, tools),
            Flags = flags ?? new SetupFlags(),
            ConfigFile = ConfigFile,
            SmtpPasswordFromEnvironment = smtpPassword,
        };
    }

    /// <summary>Runs setup in this process with <paramref name="input"/> typed at its prompts; the exit code, what it printed, and the one-line error as the CLI would print it.</summary>
    public (int Code, string Output, string Error) Run(string input, SetupFlags? flags = null, bool force = false)
    {
        using var output = new StringWriter();
        var run = new SetupRun(Context(flags), new Prompter(new StringReader(input), output), output);
        try
        {
            return (run.Run(force, interactive: true), output.ToString(), "");
        }
        catch (HecnetJobsException e)
        {
            return (e.ExitCode, output.ToString(), e.Message);
        }
    }

    /// <summary>Runs setup with <c>--non-interactive</c>.</summary>
    public (int Code, string Output, string Error) RunFlags(SetupFlags flags, bool force = false)
    {
        using var output = new StringWriter();
        var run = new SetupRun(Context(flags), new FlagAnswers(output), output);
        try
        {
            return (run.Run(force, interactive: false), output.ToString(), "");
        }
        catch (HecnetJobsException e)
        {
            return (e.ExitCode, output.ToString(), e.Message);
        }
    }

    /// <summary>The written config, its comments skipped.</summary>
    public System.Text.Json.JsonDocument ReadConfig() =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(ConfigFile), new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });

    /// <summary>Answers, one a line; an empty string is Enter.</summary>
    public static string Lines(params string[] answers) => string.Join("\n", answers) + "\n";

    public void Dispose() => Dir.Dispose();
}
