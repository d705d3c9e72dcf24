using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Quartz;

namespace HecnetJobs.Scheduling;

/// <summary>
/// Reads jobs.xml in Quartz's <c>job-scheduling-data</c> 2.0 format. Quartz 4 keeps its own reader internal, so this
/// one turns the file into <see cref="JobSchedule"/>; every problem is reported as <c>file:line:column: message</c>, all at once.
/// </summary>
public sealed partial class JobsXmlReader
{
    public const string Namespace = "http://quartznet.sourceforge.net/JobSchedulingData";
    private static readonly XNamespace Ns = Namespace;

    private readonly IReadOnlyDictionary<string, Jobs.JobType> _jobTypes;
    private readonly List<string> _errors = [];
    private string _label = "jobs.xml";

    /// <summary>Names of jobs already reported as broken, so their triggers do not add a misleading "not defined" error.</summary>
    private readonly HashSet<string> _failedJobs = new(StringComparer.Ordinal);

    /// <param name="jobTypes">The job types this build knows (<c>housekeeping</c>, ...), usually <see cref="Jobs.JobCatalog.Types"/>.</param>
    public JobsXmlReader(IReadOnlyDictionary<string, Jobs.JobType> jobTypes) => _jobTypes = jobTypes;

    /// <summary>Reads the file; throws a <see cref="HecnetJobsException"/> (exit code 78) listing every problem.</summary>
    public JobSchedule ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new HecnetJobsException($"{path}: no such file (the schedules file; see jobs.xml in the repository)", ExitCodes.Config, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HecnetJobsException(
                Directory.Exists(path) ? $"{path}: is a folder, expected the jobs.xml file" : $"{path}: cannot be read ({Config.ConfigLoader.Reason(e)})",
                ExitCodes.Config,
                e);
        }
        return Read(text, path);
    }

    /// <summary>Reads jobs.xml text; <paramref name="label"/> names the file in messages.</summary>
    public JobSchedule Read(string text, string label)
    {
        _label = label;
        _errors.Clear();
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new HecnetJobsException($"{label}:{e.LineNumber}:{e.LinePosition}: not well-formed XML ({FirstSentence(e.Message)})", ExitCodes.Config, e);
        }

        var root = document.Root!;
        if (root.Name != Ns + "job-scheduling-data")
        {
            Error(root, root.Name.NamespaceName switch
            {
                Namespace => $"the root element is <{root.Name.LocalName}>, expected <job-scheduling-data>",
                "" => $"the root element <{root.Name.LocalName}> has no xmlns; expected xmlns=\"{Namespace}\"",
                var other => $"the root element <{root.Name.LocalName}> is in namespace '{other}', expected xmlns=\"{Namespace}\"",
            });
            throw Failure();
        }

        var overwrite = true;
        var ignoreDuplicates = false;
        var jobs = new List<(JobDefinition Job, XElement At)>();
        _failedJobs.Clear();
        var triggers = new List<(TriggerDefinition Trigger, XElement At)>();
        foreach (var element in root.Elements())
        {
            switch (Local(element))
            {
                case "processing-directives":
                    foreach (var directive in Children(element, "overwrite-existing-data", "ignore-duplicates"))
                    {
                        if (Local(directive) == "overwrite-existing-data")
                            overwrite = Bool(directive);
                        else
                            ignoreDuplicates = Bool(directive);
                    }
                    break;
                case "schedule":
                    foreach (var item in Children(element, "job", "trigger"))
                    {
                        if (Local(item) == "job")
                        {
                            if (ReadJob(item) is { } job)
                                jobs.Add((job, item));
                        }
                        else if (ReadTrigger(item) is { } trigger)
                        {
                            triggers.Add((trigger, item));
                        }
                    }
                    break;
                case "pre-processing-commands":
                    Error(element, "<pre-processing-commands> is not supported: jobs.xml is the whole schedule, and jobs left out of it are removed");
                    break;
                default:
                    Unexpected(element, "processing-directives, schedule");
                    break;
            }
        }

        var schedule = Assemble(jobs, triggers, ignoreDuplicates, overwrite);
        if (_errors.Count > 0)
            throw Failure();
        return schedule;
    }

    private JobSchedule Assemble(
        List<(JobDefinition Job, XElement At)> jobs,
        List<(TriggerDefinition Trigger, XElement At)> triggers,
        bool ignoreDuplicates,
        bool overwrite)
    {
        var byName = new Dictionary<string, JobDefinition>(StringComparer.Ordinal);
        foreach (var (job, at) in jobs)
        {
            if (!byName.TryAdd(job.Name, job) && !ignoreDuplicates)
                Error(at, $"duplicate job name '{job.Name}' (each job needs its own <name>; or set <ignore-duplicates>true</ignore-duplicates> to keep the first)");
        }

        var triggerNames = new HashSet<string>(StringComparer.Ordinal);
        var triggersByJob = new Dictionary<string, List<TriggerDefinition>>(StringComparer.Ordinal);
        foreach (var (trigger, at) in triggers)
        {
            if (!triggerNames.Add($"{trigger.Group}.{trigger.Name}"))
            {
                if (!ignoreDuplicates)
                    Error(at, $"duplicate trigger name '{trigger.Name}' in group '{trigger.Group}' (each trigger needs its own <name>; or set <ignore-duplicates>true</ignore-duplicates> to keep the first)");
                continue;
            }
            if (_failedJobs.Contains(trigger.JobName))
                continue;
            if (!byName.ContainsKey(trigger.JobName))
            {
                var known = byName.Count == 0 ? "none" : string.Join(", ", byName.Keys);
                Error(at, $"trigger '{trigger.Name}' is for job '{trigger.JobName}', which is not defined (jobs: {known})");
                continue;
            }
            CheckData(at, byName[trigger.JobName].Type, trigger.Data);
            if (!triggersByJob.TryGetValue(trigger.JobName, out var list))
                triggersByJob[trigger.JobName] = list = [];
            list.Add(trigger);
        }

        var result = byName.Values
            .Select(j => j with { Triggers = triggersByJob.TryGetValue(j.Name, out var t) ? t : [] })
            .ToList();
        return new JobSchedule(result, overwrite);
    }

    private JobDefinition? ReadJob(XElement element)
    {
        string? name = null, group = null, description = null, type = null;
        IReadOnlyDictionary<string, string> data = new Dictionary<string, string>();
        XElement? dataElement = null;
        foreach (var child in Children(element, "name", "group", "description", "job-type", "durable", "recover", "job-data-map"))
        {
            switch (Local(child))
            {
                case "name": name = Text(child); break;
                case "group": group = Text(child); break;
                case "description": description = child.Value.Trim(); break;
                case "job-type": type = JobType(child); break;
                case "durable": Bool(child); break;
                case "recover": Bool(child); break;
                case "job-data-map": data = DataMap(child); dataElement = child; break;
            }
        }
        if (type is not null && dataElement is not null)
            CheckData(dataElement, type, data);
        if (name is null && element.Element(Ns + "name") is null)
            Error(element, "<job> has no <name>");
        if (type is null && element.Element(Ns + "job-type") is null)
            Error(element, $"{(name is null ? "<job>" : $"job '{name}'")} has no <job-type> (one of: {TypeNames})");
        if (name is not null && type is null)
            _failedJobs.Add(name);
        return name is null || type is null ? null : new JobDefinition(name, group ?? "DEFAULT", type, description, data, []);
    }

    private string? JobType(XElement element)
    {
        var type = Text(element);
        if (type is null)
            return null;
        if (_jobTypes.ContainsKey(type))
            return type;
        Error(element, $"unknown job type '{type}' (expected one of: {TypeNames})");
        return null;
    }

    private string TypeNames => string.Join(", ", _jobTypes.Keys.Order(StringComparer.Ordinal));

    private HecnetJobsException Failure() => new HecnetJobsException(string.Join('\n', _errors), ExitCodes.Config);

    private void Error(XObject at, string message)
    {
        var info = (IXmlLineInfo)at;
        _errors.Add($"{_label}:{info.LineNumber}:{info.LinePosition}: {message}");
    }

    private void Unexpected(XElement element, string expected) =>
        Error(element, element.Name.Namespace == Ns
            ? $"unexpected element <{Local(element)}> in <{element.Parent?.Name.LocalName}> (expected: {expected})"
            : $"element <{element.Name.LocalName}> is not in namespace '{Namespace}'");

    /// <summary>The child elements whose names are in <paramref name="allowed"/>; others are reported.</summary>
    private IEnumerable<XElement> Children(XElement parent, params string[] allowed)
    {
        foreach (var child in parent.Elements())
        {
            if (child.Name.Namespace == Ns && allowed.Contains(child.Name.LocalName))
                yield return child;
            else
                Unexpected(child, string.Join(", ", allowed));
        }
    }

    private string? Text(XElement element)
    {
        var text = element.Value.Trim();
        if (text.Length > 0)
            return text;
        Error(element, $"<{Local(element)}> is empty");
        return null;
    }

    private bool Bool(XElement element)
    {
        switch (element.Value.Trim())
        {
            case "true": return true;
            case "false": return false;
            default:
                Error(element, $"<{Local(element)}> is '{element.Value.Trim()}', expected true or false");
                return false;
        }
    }

    private int Int(XElement element, int min, int max)
    {
        var text = element.Value.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        Error(element, $"<{Local(element)}> is '{text}', expected a whole number from {min} to {max}");
        return min;
    }

    private static string Local(XElement element) => element.Name.LocalName;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
