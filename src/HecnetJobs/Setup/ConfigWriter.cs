using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HecnetJobs.Setup;

/// <summary>
/// The config file's text for a set of answers: indented JSON with the keys that matter (data folder, how PyDECnet is
/// started and reached, what the link probe watches, the node name, the mail server, the dead man's switch) and no
/// key whose value is the default, so the file stays short enough to read. No secret is ever written here.
/// </summary>
public static class ConfigWriter
{
    public static string Write(SetupAnswers answers, string configFile)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var buffer = new MemoryStream();
        // Paths and URLs as written: the default encoder would turn '+' or '&' into \u escapes a person cannot read.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("dataDir", answers.DataDir);
            WritePydecnet(json, answers);
            WriteLinkProbe(json, answers);
            if (answers.NamesFile is { } namesFile)
            {
                json.WriteStartObject("nameRefresh");
                json.WriteString("namesFile", namesFile);
                json.WriteEndObject();
            }
            WriteAlerts(json, answers);
            json.WriteEndObject();
        }
        var header = $"""
            // HecnetJobs configuration, written by 'hecnetjobs setup'. Every key: docs/configuration.md.
            // Check an edit with: hecnetjobs check --config {configFile}

            """;
        return header + Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WritePydecnet(Utf8JsonWriter json, SetupAnswers answers)
    {
        json.WriteStartObject("pydecnet");
        json.WriteString("command", answers.PydecnetCommand);
        json.WriteStartArray("arguments");
        foreach (var argument in answers.PydecnetArguments)
            json.WriteStringValue(argument);
        json.WriteEndArray();
        if (answers.PydecnetWorkingDirectory is { } folder)
            json.WriteString("workingDirectory", folder);
        json.WriteString("apiSocket", answers.ApiSocket);
        if (answers.HttpPort is { } port)
            json.WriteNumber("httpPort", port);
        json.WriteEndObject();
    }

    private static void WriteLinkProbe(Utf8JsonWriter json, SetupAnswers answers)
    {
        json.WriteStartObject("linkProbe");
        json.WriteStartArray("targets");
        foreach (var target in answers.Targets)
            json.WriteStringValue(target);
        json.WriteEndArray();
        json.WriteString("ncpCommand", answers.NcpCommand);
        if (answers.Circuit is { } circuit)
            json.WriteString("circuit", circuit);
        json.WriteEndObject();
    }

    private static void WriteAlerts(Utf8JsonWriter json, SetupAnswers answers)
    {
        json.WriteStartObject("alerts");
        json.WriteString("nodeName", answers.NodeName);
        if (answers.Smtp is { } smtp)
        {
            json.WriteStartObject("smtp");
            json.WriteString("host", smtp.Host);
            if (smtp.Port != Alerts.SmtpSecurity.DefaultPort(smtp.Security))
                json.WriteNumber("port", smtp.Port);
            if (smtp.Security != Alerts.SmtpSecurity.StartTls)
                json.WriteString("security", smtp.Security);
            if (smtp.User is { } user)
                json.WriteString("user", user);
            if (smtp.From is { } from)
                json.WriteString("from", from);
            json.WriteStartArray("to");
            foreach (var address in smtp.To)
                json.WriteStringValue(address);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (answers.PingUrl is { } url)
        {
            json.WriteStartObject("ping");
            json.WriteString("url", url);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
