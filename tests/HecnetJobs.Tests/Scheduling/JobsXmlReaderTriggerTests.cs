using static HecnetJobs.Tests.Scheduling.JobsXmlAssert;
using static HecnetJobs.Tests.Support.TestFiles;

namespace HecnetJobs.Tests.Scheduling;

/// <summary>
/// Broken triggers in jobs.xml and the exact "file:line:column: message" the user reads. Every schedule here starts
/// with job 'a' (selftest) on line 4; the trigger under test is on line 5, column 1.
/// </summary>
public sealed class JobsXmlReaderTriggerTests
{
    private const string SimpleMisfires =
        "SmartPolicy, IgnoreMisfirePolicy, FireNow, RescheduleNowWithExistingRepeatCount, RescheduleNowWithRemainingRepeatCount, RescheduleNextWithRemainingCount, RescheduleNextWithExistingCount";

    private const string CronMisfires = "SmartPolicy, IgnoreMisfirePolicy, FireOnceNow, DoNothing";

    private static string Simple(string inner) => $"<trigger><simple><name>t</name><job-name>a</job-name>{inner}</simple></trigger>";

    private static string Cron(string inner) => $"<trigger><cron><name>t</name><job-name>a</job-name>{inner}</cron></trigger>";

    public static TheoryData<string, string> BrokenTriggers => new()
    {
        {
            "<trigger><simple><name>t</name><job-name>ghost</job-name><repeat-interval>60000</repeat-interval></simple></trigger>",
            "jobs.xml:5:2: trigger 't' is for job 'ghost', which is not defined (jobs: a)"
        },
        {
            Cron("<cron-expression>0 0 25 * * ?</cron-expression>"),
            "jobs.xml:5:53: bad cron expression '0 0 25 * * ?': Hour values must be between 0 and 23 (Quartz format: seconds minutes hours day-of-month month day-of-week, e.g. 0 0 7 * * ?)"
        },
        {
            Simple("<repeat-interval>60000</repeat-interval>") + "\n" + Simple("<repeat-interval>120000</repeat-interval>"),
            "jobs.xml:6:2: duplicate trigger name 't' in group 'DEFAULT' (each trigger needs its own <name>; or set <ignore-duplicates>true</ignore-duplicates> to keep the first)"
        },
        {
            Simple("<misfire-instruction>FireOnceNow</misfire-instruction><repeat-interval>60000</repeat-interval>"),
            $"jobs.xml:5:55: 'FireOnceNow' is not a misfire instruction for <simple> triggers (expected one of: {SimpleMisfires})"
        },
        {
            Cron("<misfire-instruction>FireNow</misfire-instruction><cron-expression>0 0 7 * * ?</cron-expression>"),
            $"jobs.xml:5:53: 'FireNow' is not a misfire instruction for <cron> triggers (expected one of: {CronMisfires})"
        },
        {
            "<trigger><calendar-interval><name>t</name><job-name>a</job-name></calendar-interval></trigger>",
            "jobs.xml:5:11: <calendar-interval> triggers are not supported (use <simple> with <repeat-interval>, or <cron>)"
        },
        {
            "<trigger />",
            "jobs.xml:5:2: <trigger> must hold exactly one <simple> or <cron> element"
        },
        {
            Simple("<repeat-count>-1</repeat-count>"),
            "jobs.xml:5:11: trigger 't' has no <repeat-interval> (milliseconds between runs, e.g. 120000 for 2 minutes)"
        },
        {
            Cron(""),
            "jobs.xml:5:11: trigger 't' has no <cron-expression> (e.g. 0 0 7 * * ? for 07:00 every day)"
        },
        {
            "<trigger><simple><name>t</name><repeat-interval>60000</repeat-interval></simple></trigger>",
            "jobs.xml:5:11: trigger 't' has no <job-name>"
        },
        {
            Cron("<cron-expression>0 0 7 * * ?</cron-expression><time-zone>Mars/Olympus_Mons</time-zone>"),
            "jobs.xml:5:99: unknown time zone 'Mars/Olympus_Mons' (use an IANA name such as Europe/Stockholm)"
        },
        {
            Simple("<repeat-interval>60000</repeat-interval><repeat-cont>3</repeat-cont>"),
            $"jobs.xml:5:95: unexpected element <repeat-cont> in <simple> (expected: name, group, description, job-name, job-group, priority, calendar-name, job-data-map, start-time, start-time-seconds-in-future, end-time, misfire-instruction, repeat-count, repeat-interval)"
        },
        {
            Simple("<priority>11</priority><repeat-interval>60000</repeat-interval>"),
            "jobs.xml:5:55: <priority> is '11', expected a whole number from 1 to 10"
        },
        {
            Simple("<start-time>tomorrow</start-time><repeat-interval>60000</repeat-interval>"),
            "jobs.xml:5:55: <start-time> is 'tomorrow', expected an ISO 8601 time such as 2026-01-01T07:00:00Z"
        },
        {
            Simple("<start-time>2026-01-01T07:00:00Z</start-time><start-time-seconds-in-future>60</start-time-seconds-in-future><repeat-interval>60000</repeat-interval>"),
            "jobs.xml:5:11: trigger 't' has both <start-time> and <start-time-seconds-in-future>; keep one"
        },
        {
            Simple("<calendar-name>holidays</calendar-name><repeat-interval>60000</repeat-interval>"),
            "jobs.xml:5:55: <calendar-name> is not supported (no calendars are defined)"
        },
        {
            Simple("<job-data-map>" + Entry("outcom", "failure") + "</job-data-map><repeat-interval>60000</repeat-interval>"),
            "jobs.xml:5:2: job-data-map key 'outcom' is not used by selftest jobs (expected one of: outcome, duration)"
        },
        {
            Simple("<job-data-map>" + Entry("outcome", "maybe") + "</job-data-map><repeat-interval>60000</repeat-interval>"),
            "jobs.xml:5:2: job-data-map 'outcome': 'maybe' is not valid for selftest jobs (expected success or failure)"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenTriggers))]
    public void A_broken_trigger_is_reported_at_the_element_that_is_wrong(string trigger, string expected) =>
        Rejected(JobsXml("<job><name>a</name><job-type>selftest</job-type></job>\n" + trigger), expected);

    [Fact]
    public void A_trigger_in_a_file_without_jobs_says_there_are_none()
    {
        Rejected(
            JobsXml(SimpleTrigger("t", "a", 60_000)),
            "jobs.xml:4:6: trigger 't' is for job 'a', which is not defined (jobs: none)");
    }

    [Fact]
    public void A_repeat_interval_below_one_second_is_rejected()
    {
        Rejected(
            JobsXml("<job><name>a</name><job-type>selftest</job-type></job>\n" + Simple("<repeat-interval>999</repeat-interval>")),
            "jobs.xml:5:55: <repeat-interval> is '999', expected milliseconds from 1000 (1 s) up, e.g. 120000 for 2 minutes");
    }
}
