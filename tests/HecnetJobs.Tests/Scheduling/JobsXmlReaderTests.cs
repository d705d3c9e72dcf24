using HecnetJobs.Scheduling;
using static HecnetJobs.Tests.Scheduling.JobsXmlAssert;
using static HecnetJobs.Tests.Support.TestFiles;

namespace HecnetJobs.Tests.Scheduling;

/// <summary>
/// Broken jobs.xml files (the document and its jobs) and the exact "file:line:column: message" the user reads.
/// Schedule content passed to <see cref="Support.TestFiles.JobsXml"/> starts on line 4, column 1.
/// </summary>
public sealed class JobsXmlReaderTests
{
    private const string Types = "daily-digest, housekeeping, link-probe, name-refresh, selftest, watchdog";

    [Fact]
    public void Text_that_is_not_xml_is_reported_at_its_first_character()
    {
        Rejected("schedules go here", "jobs.xml:1:1: not well-formed XML (Data at the root level is invalid)");
    }

    [Fact]
    public void An_unclosed_element_is_reported_where_the_parser_noticed_it()
    {
        Rejected(
            JobsXml("<job><name>a</name><job-type>selftest</job-type>"),
            "jobs.xml:5:5: not well-formed XML (The 'job' start tag on line 4 position 2 does not match the end tag of 'schedule')");
    }

    [Fact]
    public void A_root_element_without_the_quartz_namespace_is_rejected_with_the_namespace_to_use()
    {
        Rejected(
            """<job-scheduling-data version="2.0"><schedule /></job-scheduling-data>""",
            $"jobs.xml:1:2: the root element <job-scheduling-data> has no xmlns; expected xmlns=\"{JobsXmlReader.Namespace}\"");
    }

    [Fact]
    public void A_root_element_in_another_namespace_is_rejected_with_the_namespace_to_use()
    {
        Rejected(
            """<job-scheduling-data xmlns="http://quartznet.sourceforge.net/JobSchedulingData/3.0"><schedule /></job-scheduling-data>""",
            $"jobs.xml:1:2: the root element <job-scheduling-data> is in namespace 'http://quartznet.sourceforge.net/JobSchedulingData/3.0', expected xmlns=\"{JobsXmlReader.Namespace}\"");
    }

    [Fact]
    public void A_root_element_with_another_name_is_rejected()
    {
        Rejected(
            $"""<schedules xmlns="{JobsXmlReader.Namespace}"><schedule /></schedules>""",
            "jobs.xml:1:2: the root element is <schedules>, expected <job-scheduling-data>");
    }

    [Fact]
    public void Pre_processing_commands_are_rejected_because_jobs_xml_is_the_whole_schedule()
    {
        Rejected(
            $"""
            {JobsXmlHeader}
              <pre-processing-commands><delete-jobs-in-group>*</delete-jobs-in-group></pre-processing-commands>
            </job-scheduling-data>
            """,
            "jobs.xml:2:4: <pre-processing-commands> is not supported: jobs.xml is the whole schedule, and jobs left out of it are removed");
    }

    [Fact]
    public void An_unknown_element_at_the_top_is_rejected_with_the_elements_allowed_there()
    {
        Rejected(
            $"""
            {JobsXmlHeader}
              <settings />
            </job-scheduling-data>
            """,
            "jobs.xml:2:4: unexpected element <settings> in <job-scheduling-data> (expected: processing-directives, schedule)");
    }

    [Fact]
    public void A_processing_directive_that_is_not_true_or_false_is_rejected()
    {
        Rejected(
            $"""
            {JobsXmlHeader}
              <processing-directives><ignore-duplicates>yes</ignore-duplicates></processing-directives>
            </job-scheduling-data>
            """,
            "jobs.xml:2:27: <ignore-duplicates> is 'yes', expected true or false");
    }

    public static TheoryData<string, string> BrokenJobs => new()
    {
        {
            "<job><name>a</name><job-type>nope</job-type></job>",
            $"jobs.xml:4:21: unknown job type 'nope' (expected one of: {Types})"
        },
        {
            "<job><name>a</name></job>",
            $"jobs.xml:4:2: job 'a' has no <job-type> (one of: {Types})"
        },
        {
            "<job><job-type>selftest</job-type></job>",
            "jobs.xml:4:2: <job> has no <name>"
        },
        {
            "<job><name>a</name><job-type>selftest</job-type><jobtype>selftest</jobtype></job>",
            "jobs.xml:4:50: unexpected element <jobtype> in <job> (expected: name, group, description, job-type, durable, recover, job-data-map)"
        },
        {
            """<job xmlns="urn:example"><name>a</name></job>""",
            $"jobs.xml:4:2: element <job> is not in namespace '{JobsXmlReader.Namespace}'"
        },
        {
            "<job><name>a</name><job-type>selftest</job-type><durable>yes</durable></job>",
            "jobs.xml:4:50: <durable> is 'yes', expected true or false"
        },
        {
            Job("a", "selftest") + "\n" + Job("a", "housekeeping"),
            "jobs.xml:5:6: duplicate job name 'a' (each job needs its own <name>; or set <ignore-duplicates>true</ignore-duplicates> to keep the first)"
        },
        {
            "<job><name>a</name><job-type>selftest</job-type><job-data-map>" + Entry("outcom", "success") + "</job-data-map></job>",
            "jobs.xml:4:50: job-data-map key 'outcom' is not used by selftest jobs (expected one of: outcome, duration)"
        },
        {
            "<job><name>a</name><job-type>housekeeping</job-type><job-data-map>" + Entry("days", "30") + "</job-data-map></job>",
            "jobs.xml:4:54: job-data-map key 'days' is not used by housekeeping jobs (it takes none)"
        },
        {
            "<job><name>a</name><job-type>selftest</job-type><job-data-map>" + Entry("outcome", "maybe") + "</job-data-map></job>",
            "jobs.xml:4:50: job-data-map 'outcome': 'maybe' is not valid for selftest jobs (expected success or failure)"
        },
        {
            "<job><name>a</name><job-type>selftest</job-type><job-data-map>" + Entry("duration", "soon") + "</job-data-map></job>",
            "jobs.xml:4:50: job-data-map 'duration': 'soon' is not valid for selftest jobs (expected a duration such as 2s)"
        },
        {
            "<job><name>a</name><job-type>selftest</job-type><job-data-map>" + Entry("hj.x", "1") + "</job-data-map></job>",
            "jobs.xml:4:64: job-data-map key 'hj.x' is reserved (keys starting with 'hj.' belong to HecnetJobs)"
        },
        {
            "<job><name>a</name><job-type>selftest</job-type><job-data-map>" + Entry("outcome", "success") + Entry("outcome", "failure") + "</job-data-map></job>",
            "jobs.xml:4:119: duplicate job-data-map key 'outcome'"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenJobs))]
    public void A_broken_job_is_reported_at_the_element_that_is_wrong(string schedule, string expected) =>
        Rejected(JobsXml(schedule), expected);

    [Fact]
    public void Two_problems_are_reported_together_in_file_order()
    {
        var schedule =
            "<job><name>a</name><job-type>selftest</job-type><job-data-map>" + Entry("outcome", "maybe") + "</job-data-map></job>\n" +
            "<job><name>b</name><job-type>nope</job-type></job>";

        Rejected(JobsXml(schedule), string.Join('\n',
            "jobs.xml:4:50: job-data-map 'outcome': 'maybe' is not valid for selftest jobs (expected success or failure)",
            $"jobs.xml:5:21: unknown job type 'nope' (expected one of: {Types})"));
    }
}
