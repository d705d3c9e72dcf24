using System.Text.RegularExpressions;
using System.Xml.Linq;
using HecnetJobs.Config;
using HecnetJobs.Tests.Support;
using HecnetJobs.WindowsService;

namespace HecnetJobs.Tests.Install;

/// <summary>
/// scripts/windows/: PowerShell cannot run here, so the task XML is checked against the Task Scheduler 1.2 schema
/// elements it uses and for the settings that matter, and install.ps1's config template is loaded by the real loader.
/// </summary>
public sealed partial class WindowsScriptsTests
{
    private static readonly XNamespace Task = "http://schemas.microsoft.com/windows/2004/02/mit/task";

    // The elements of the Task Scheduler schema (version 1.2) this file may use, each with its parent; a typo or an
    // element in the wrong place makes Register-ScheduledTask refuse the whole file.
    private static readonly HashSet<string> Allowed =
    [
        "/Task", "Task/RegistrationInfo", "RegistrationInfo/Description", "RegistrationInfo/URI", "Task/Triggers",
        "Triggers/BootTrigger", "BootTrigger/Enabled", "BootTrigger/Delay", "Task/Principals", "Principals/Principal",
        "Principal/UserId", "Principal/RunLevel", "Task/Settings", "Settings/MultipleInstancesPolicy",
        "Settings/DisallowStartIfOnBatteries", "Settings/StopIfGoingOnBatteries", "Settings/AllowHardTerminate",
        "Settings/StartWhenAvailable", "Settings/RunOnlyIfNetworkAvailable", "Settings/IdleSettings",
        "IdleSettings/StopOnIdleEnd", "IdleSettings/RestartOnIdle", "Settings/AllowStartOnDemand", "Settings/Enabled",
        "Settings/Hidden", "Settings/RunOnlyIfIdle", "Settings/WakeToRun", "Settings/ExecutionTimeLimit", "Settings/Priority",
        "Settings/RestartOnFailure", "RestartOnFailure/Interval", "RestartOnFailure/Count", "Task/Actions", "Actions/Exec",
        "Exec/Command", "Exec/Arguments", "Exec/WorkingDirectory",
    ];

    private static string WindowsScript(string name) => Path.Combine(RepoPaths.Root, "scripts", "windows", name);

    private static XElement Root() => XDocument.Load(WindowsScript("hecnetjobs-task.xml")).Root!;

    private static string Setting(params string[] path) =>
        path.Aggregate(Root(), (element, name) => element.Element(Task + name) ?? throw new Xunit.Sdk.XunitException($"no <{name}>")).Value;

    [Fact]
    public void The_task_uses_only_task_scheduler_1_2_elements_in_their_places()
    {
        var root = Root();
        var used = root.DescendantsAndSelf().Select(e => e.Parent is null ? "/" + e.Name.LocalName : $"{e.Parent.Name.LocalName}/{e.Name.LocalName}");

        Assert.Equal(Task, root.Name.Namespace);
        Assert.Equal("1.2", root.Attribute("version")?.Value);
        Assert.All(root.DescendantsAndSelf(), e => Assert.Equal(Task, e.Name.Namespace));
        Assert.Equal(Array.Empty<string>(), used.Where(path => !Allowed.Contains(path)).ToArray());
    }

    [Fact]
    public void The_task_starts_at_boot_as_system()
    {
        Assert.Equal("true", Setting("Triggers", "BootTrigger", "Enabled"));
        Assert.Equal("S-1-5-18", Setting("Principals", "Principal", "UserId"));
        Assert.Equal("Author", Root().Element(Task + "Actions")!.Attribute("Context")!.Value);
        Assert.Equal("Author", Root().Element(Task + "Principals")!.Element(Task + "Principal")!.Attribute("id")!.Value);
    }

    [Fact]
    public void The_task_restarts_every_minute_after_a_failure_and_has_no_time_limit()
    {
        // The schema allows an interval of at least one minute and a count from 1 to 999.
        Assert.Equal("PT1M", Setting("Settings", "RestartOnFailure", "Interval"));
        Assert.InRange(int.Parse(Setting("Settings", "RestartOnFailure", "Count"), System.Globalization.CultureInfo.InvariantCulture), 1, 999);
        Assert.Equal("PT0S", Setting("Settings", "ExecutionTimeLimit"));
        Assert.Equal("IgnoreNew", Setting("Settings", "MultipleInstancesPolicy"));
        Assert.Equal("false", Setting("Settings", "StopIfGoingOnBatteries"));
        Assert.Equal("false", Setting("Settings", "DisallowStartIfOnBatteries"));
    }

    [Fact]
    public void The_task_runs_the_daemon_with_the_paths_install_ps1_replaces()
    {
        var install = File.ReadAllText(WindowsScript("install.ps1"));

        Assert.Equal(@"C:\Program Files\HecnetJobs\hecnetjobs.exe", Setting("Actions", "Exec", "Command"));
        Assert.Equal(@"run --config ""C:\ProgramData\HecnetJobs\config.json""", Setting("Actions", "Exec", "Arguments"));
        Assert.Contains(@"$xml.Replace('C:\Program Files\HecnetJobs', ", install, StringComparison.Ordinal);
        Assert.Contains(@"$xml.Replace('C:\ProgramData\HecnetJobs', ", install, StringComparison.Ordinal);
        Assert.Equal(@"\HecnetJobs", Setting("RegistrationInfo", "URI"));
        Assert.Contains("$task = 'HecnetJobs'", install, StringComparison.Ordinal);
        Assert.Contains($"$service = '{WindowsServiceRunner.ServiceName}'", install, StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_template_of_install_ps1_is_accepted_by_the_config_loader()
    {
        using var dir = new TempDir();
        var template = TemplateRegex().Match(File.ReadAllText(WindowsScript("install.ps1"))).Groups[1].Value;
        File.WriteAllText(dir.File("config.json"), template);
        File.Copy(Path.Combine(RepoPaths.Root, "jobs.xml"), dir.File("jobs.xml"));

        var options = ConfigLoader.Load(dir.File("config.json"));

        Assert.Equal(dir.File("data"), options.DataDir);
        Assert.Equal(dir.File("jobs.xml"), options.JobsFile);
        // Rooted on Windows; here "C:" is no drive, so the loader takes it as relative to the config file's folder.
        Assert.EndsWith("/C:/Program Files/Python312/python.exe", options.Pydecnet.Command, StringComparison.Ordinal);
        Assert.Equal(["-m", "decnet.main", "-L", "C:/ProgramData/PyDECnet/pydecnet.log", "C:/ProgramData/PyDECnet/node.conf"], options.Pydecnet.Arguments);
    }

    [Theory]
    [InlineData("install.ps1")]
    [InlineData("uninstall.ps1")]
    public void The_powershell_scripts_need_an_administrator_and_stop_at_the_first_error(string script)
    {
        var text = File.ReadAllText(WindowsScript(script));

        Assert.Contains("#Requires -RunAsAdministrator", text, StringComparison.Ordinal);
        Assert.Contains("$ErrorActionPreference = 'Stop'", text, StringComparison.Ordinal);
        // "$name:" in a PowerShell string is a scope-qualified variable and a parse error; "${name}:" is meant.
        Assert.Equal(Array.Empty<string>(), ColonAfterVariableRegex().Matches(text).Select(m => m.Value).Where(v => !v.StartsWith("$env:", StringComparison.Ordinal)).ToArray());
    }

    [GeneratedRegex(@"\$template = @'\r?\n(.*?)\r?\n'@", RegexOptions.Singleline)]
    private static partial Regex TemplateRegex();

    [GeneratedRegex(@"\$[A-Za-z_]\w*:(?=\s|$)", RegexOptions.Multiline)]
    private static partial Regex ColonAfterVariableRegex();
}
