using System.CommandLine;
using System.Text.Json;
using HecnetJobs.Config;
using HecnetJobs.Status;

namespace HecnetJobs.Cli;

/// <summary>
/// <c>hecnetjobs status</c>: reads the heartbeat file only — never the database or the lock — and answers with the
/// Nagios plugin exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
/// </summary>
internal static class StatusCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the status file's JSON document (the same schema) instead of a summary" };
    private static readonly Option<bool> Nagios = new("--nagios") { Description = "Print one Nagios plugin line with performance data" };
    private static readonly Option<string?> File = new("--file") { Description = "Read this status file instead of the one the config names", HelpName = "PATH" };

    public static Command Create()
    {
        var command = new Command("status", "Summarise the heartbeat status file; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios).")
        {
            Json,
            Nagios,
            File,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string path;
            TimeSpan staleAfter;
            try
            {
                var explicitFile = parse.GetValue(File);
                if (explicitFile is not null && parse.GetValue(CommonOptions.Config) is null)
                {
                    (path, staleAfter) = (explicitFile, new StatusOptions { File = explicitFile }.StaleAfter);
                }
                else
                {
                    var options = CommonOptions.LoadConfig(parse);
                    (path, staleAfter) = (explicitFile ?? options.Status.File, options.Status.StaleAfter);
                }
            }
            catch (HecnetJobsException e)
            {
                // A monitoring check that cannot even find its config must still answer in Nagios terms.
                output.WriteLine($"HECNETJOBS UNKNOWN - {e.Message.Split('\n')[0]}");
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return NagiosCodes.Unknown;
            }

            var now = TimeProvider.System.GetUtcNow();
            var report = StatusReport.From(StatusFileReader.Read(path), now, staleAfter);
            if (parse.GetValue(Nagios))
                output.WriteLine(report.NagiosLine());
            else if (parse.GetValue(Json))
                WriteJson(output, report);
            else
                output.Write(report.HumanText(now));
            return report.Code;
        });
        return command;
    }

    private static void WriteJson(TextWriter output, StatusReport report)
    {
        if (report.Document is { } document)
        {
            output.WriteLine(JsonSerializer.Serialize(document, StatusJsonContext.Document));
            return;
        }
        // No document to show: say why in a JSON shape a script can still read.
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("state", StatusReport.CodeWords[report.Code].ToLowerInvariant());
            writer.WriteString("error", report.Headline);
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
