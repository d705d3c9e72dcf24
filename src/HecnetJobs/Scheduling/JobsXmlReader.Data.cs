using System.Xml.Linq;

namespace HecnetJobs.Scheduling;

public sealed partial class JobsXmlReader
{
    private Dictionary<string, string> DataMap(XElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Children(element, "entry"))
        {
            string? key = null;
            var value = "";
            foreach (var part in Children(entry, "key", "value"))
            {
                if (Local(part) == "key")
                    key = Text(part);
                else
                    value = part.Value;
            }
            if (key is null)
                continue;
            if (key.StartsWith(QuartzJobAdapter.ReservedPrefix, StringComparison.Ordinal))
                Error(entry, $"job-data-map key '{key}' is reserved (keys starting with '{QuartzJobAdapter.ReservedPrefix}' belong to HecnetJobs)");
            else if (!map.TryAdd(key, value))
                Error(entry, $"duplicate job-data-map key '{key}'");
        }
        return map;
    }

    /// <summary>Checks job-data-map entries against what the job type reads: unknown keys are typos, bad values fail now rather than at 3 a.m.</summary>
    private void CheckData(XElement at, string type, IReadOnlyDictionary<string, string> data)
    {
        var keys = _jobTypes[type].DataKeys;
        foreach (var (key, value) in data)
        {
            if (!keys.TryGetValue(key, out var check))
            {
                var expected = keys.Count == 0 ? "it takes none" : $"expected one of: {string.Join(", ", keys.Keys)}";
                Error(at, $"job-data-map key '{key}' is not used by {type} jobs ({expected})");
            }
            else if (check(value) is { } problem)
            {
                Error(at, $"job-data-map '{key}': '{value}' is not valid for {type} jobs ({problem})");
            }
        }
    }
}
