using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Quartz;

namespace HecnetJobs.Scheduling;

public sealed partial class JobsXmlReader
{
    private static readonly string[] CommonTriggerElements =
    [
        "name", "group", "description", "job-name", "job-group", "priority", "calendar-name", "job-data-map",
        "start-time", "start-time-seconds-in-future", "end-time", "misfire-instruction",
    ];

    private TriggerDefinition? ReadTrigger(XElement element)
    {
        var kinds = element.Elements().ToList();
        if (kinds.Count != 1 || kinds[0].Name.Namespace != Ns || Local(kinds[0]) is not ("simple" or "cron" or "calendar-interval"))
        {
            Error(element, "<trigger> must hold exactly one <simple> or <cron> element");
            return null;
        }
        var kind = kinds[0];
        if (Local(kind) == "calendar-interval")
        {
            Error(kind, "<calendar-interval> triggers are not supported (use <simple> with <repeat-interval>, or <cron>)");
            return null;
        }

        var isSimple = Local(kind) == "simple";
        string[] allowed = isSimple
            ? [.. CommonTriggerElements, "repeat-count", "repeat-interval"]
            : [.. CommonTriggerElements, "cron-expression", "time-zone"];

        string? name = null, group = null, description = null, jobName = null, misfire = null, cron = null, timeZone = null;
        var priority = 5;
        DateTimeOffset? start = null, end = null;
        TimeSpan? delay = null;
        var repeatCount = -1;
        TimeSpan? interval = null;
        XElement? cronElement = null, misfireElement = null, intervalElement = null;
        IReadOnlyDictionary<string, string> data = new Dictionary<string, string>();
        foreach (var child in Children(kind, allowed))
        {
            switch (Local(child))
            {
                case "name": name = Text(child); break;
                case "group": group = Text(child); break;
                case "description": description = child.Value.Trim(); break;
                case "job-name": jobName = Text(child); break;
                case "job-group": Text(child); break;
                case "priority": priority = Int(child, 1, 10); break;
                case "calendar-name": Error(child, "<calendar-name> is not supported (no calendars are defined)"); break;
                case "job-data-map": data = DataMap(child); break;
                case "start-time": start = Time(child); break;
                case "start-time-seconds-in-future": delay = TimeSpan.FromSeconds(Int(child, 0, int.MaxValue)); break;
                case "end-time": end = Time(child); break;
                case "misfire-instruction": misfire = Text(child); misfireElement = child; break;
                case "repeat-count": repeatCount = Int(child, -1, int.MaxValue); break;
                case "repeat-interval": interval = Interval(child); intervalElement = child; break;
                case "cron-expression": cron = Text(child); cronElement = child; break;
                case "time-zone": timeZone = Zone(child); break;
            }
        }

        var label = name is null ? "<trigger>" : $"trigger '{name}'";
        if (name is null && kind.Element(Ns + "name") is null)
            Error(kind, "<trigger> has no <name>");
        if (jobName is null && kind.Element(Ns + "job-name") is null)
            Error(kind, $"{label} has no <job-name>");
        misfire ??= "SmartPolicy";
        var known = isSimple ? MisfireInstructions.Simple.Keys : MisfireInstructions.Cron.Keys;
        if (!known.Contains(misfire))
            Error(misfireElement!, $"'{misfire}' is not a misfire instruction for <{Local(kind)}> triggers (expected one of: {string.Join(", ", known)})");
        if (start is not null && delay is not null)
            Error(kind, $"{label} has both <start-time> and <start-time-seconds-in-future>; keep one");

        if (isSimple)
        {
            if (intervalElement is null && repeatCount != 0)
                Error(kind, $"{label} has no <repeat-interval> (milliseconds between runs, e.g. 120000 for 2 minutes)");
            if (name is null || jobName is null)
                return null;
            return new SimpleTriggerDefinition(name, group ?? "DEFAULT", jobName, description, priority, misfire, start, delay, end, data, repeatCount, interval ?? TimeSpan.Zero);
        }

        if (cron is null)
        {
            if (cronElement is null)
                Error(kind, $"{label} has no <cron-expression> (e.g. 0 0 7 * * ? for 07:00 every day)");
        }
        else
        {
            CheckCron(cronElement!, cron);
        }
        if (name is null || jobName is null || cron is null)
            return null;
        return new CronTriggerDefinition(name, group ?? "DEFAULT", jobName, description, priority, misfire, start, delay, end, data, cron, timeZone);
    }

    private void CheckCron(XElement element, string expression)
    {
        const string Expected = "Quartz format: seconds minutes hours day-of-month month day-of-week, e.g. 0 0 7 * * ?";
        if (expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 5)
        {
            Error(element, $"bad cron expression '{expression}': it has 5 fields (crontab form); Quartz puts seconds first ({Expected})");
            return;
        }
        try
        {
            _ = new CronExpression(expression);
        }
        catch (FormatException e)
        {
            // Quartz's own text can run to a paragraph; its first sentence says what is wrong.
            var first = e.Message.Split(". ", 2)[0].TrimEnd('.');
            Error(element, $"bad cron expression '{expression}': {first} ({Expected})");
        }
    }

    private TimeSpan? Interval(XElement element)
    {
        var text = element.Value.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms >= 1000 && ms <= TimeSpan.FromDays(3650).TotalMilliseconds)
            return TimeSpan.FromMilliseconds(ms);
        Error(element, $"<repeat-interval> is '{text}', expected milliseconds from 1000 (1 s) up, e.g. 120000 for 2 minutes");
        return null;
    }

    private DateTimeOffset? Time(XElement element)
    {
        var text = element.Value.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var value))
            return value;
        Error(element, $"<{Local(element)}> is '{text}', expected an ISO 8601 time such as 2026-01-01T07:00:00Z");
        return null;
    }

    private string? Zone(XElement element)
    {
        var id = Text(element);
        if (id is null)
            return null;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
            return id;
        Error(element, $"unknown time zone '{id}' (use an IANA name such as Europe/Stockholm)");
        return null;
    }
}
