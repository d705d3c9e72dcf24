namespace HecnetJobs.Tests.Support;

/// <summary>Config and jobs.xml texts used across tests.</summary>
public static class TestFiles
{
    public const string JobsXmlHeader = """<job-scheduling-data xmlns="http://quartznet.sourceforge.net/JobSchedulingData" version="2.0">""";

    /// <summary>A jobs.xml with the given &lt;schedule&gt; content.</summary>
    public static string JobsXml(string schedule) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        {JobsXmlHeader}
          <schedule>
        {schedule}
          </schedule>
        </job-scheduling-data>
        """;

    /// <summary>A job without triggers (runs only when triggered).</summary>
    public static string Job(string name, string type, string data = "") => $"""
            <job><name>{name}</name><job-type>{type}</job-type>{(data.Length == 0 ? "" : $"<job-data-map>{data}</job-data-map>")}</job>
        """;

    public static string Entry(string key, string value) => $"<entry><key>{key}</key><value>{value}</value></entry>";

    public static string SimpleTrigger(string name, string job, long intervalMs, string misfire = "SmartPolicy") => $"""
            <trigger><simple><name>{name}</name><job-name>{job}</job-name><misfire-instruction>{misfire}</misfire-instruction><repeat-count>-1</repeat-count><repeat-interval>{intervalMs}</repeat-interval></simple></trigger>
        """;

    /// <summary>Writes config.json and jobs.xml into <paramref name="dir"/> and returns the config path.</summary>
    public static string Setup(TempDir dir, string schedule, string extraConfig = "")
    {
        dir.Write("jobs.xml", JobsXml(schedule));
        return dir.Write("config.json", $$"""
            {
              "dataDir": "data",
              "status": { "interval": "1s", "staleAfter": "30s" }{{extraConfig}}
            }
            """);
    }
}
