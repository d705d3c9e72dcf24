using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Scheduling;

public sealed class JobsFileReloadTests
{
    [Fact(Timeout = 120_000)]
    public async Task An_edit_of_jobs_xml_is_applied_while_running_and_a_broken_edit_keeps_the_previous_schedules()
    {
        using var fixture = new DaemonFixture(TestFiles.Job("ok", "selftest"));
        using var daemon = await fixture.StartDaemonAsync();

        fixture.Dir.Write("jobs.xml", TestFiles.JobsXml(TestFiles.Job("ok", "selftest") + TestFiles.Job("later", "selftest")));
        await Poll.UntilAsync(() => fixture.StatusText.Contains("\"later\"", StringComparison.Ordinal), "the new job in the status file", () => fixture.StatusText);

        fixture.Dir.Write("jobs.xml", TestFiles.JobsXml(TestFiles.Job("ok", "nosuchtype")));
        await Poll.UntilAsync(() => fixture.StatusText.Contains("unknown job type 'nosuchtype'", StringComparison.Ordinal), "the refused edit in the status file", () => fixture.StatusText);

        Assert.Contains("\"later\"", fixture.StatusText, StringComparison.Ordinal);
        var later = await fixture.RunAsync("trigger", "later", "--wait");
        Assert.Equal(0, later.ExitCode);
        var status = await fixture.RunAsync("status", "--nagios");
        Assert.Equal(1, status.ExitCode);
        Assert.StartsWith("HECNETJOBS WARNING - jobs.xml edit refused (previous schedules in force): ", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("jobs.xml edit refused", daemon.Stderr, StringComparison.Ordinal);
    }
}
