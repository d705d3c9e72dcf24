using System.Runtime.CompilerServices;
using System.Text.Json;
using HecnetJobs.Status;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Status;

/// <summary>
/// docs/status-file.schema.json is what outside watchers code against: it must stay in step with what
/// <see cref="StatusFile"/> really writes, name for name.
/// </summary>
public sealed class StatusSchemaFileTests : IDisposable
{
    private static readonly DateTimeOffset Now = StatusSamples.Now;

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_schema_file_is_draft_2020_12_json_requiring_every_top_level_section()
    {
        using var schema = ReadSchema();
        var root = schema.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(1, root.GetProperty("properties").GetProperty("schema").GetProperty("const").GetInt32());
        Assert.Equal(
            ["schema", "updatedAt", "state", "problems", "daemon", "schedules", "jobs", "pydecnet", "host", "pauses", "links", "names", "outbox"],
            Required(root));
    }

    [Fact]
    public void The_schema_names_the_model_schema_version()
    {
        using var schema = ReadSchema();

        var version = schema.RootElement.GetProperty("properties").GetProperty("schema").GetProperty("const").GetInt32();

        Assert.Equal(StatusDocument.CurrentSchema, version);
    }

    [Fact]
    public void A_written_status_file_has_exactly_the_names_the_schema_requires_at_every_level()
    {
        var path = _dir.File("status.json");
        new StatusFile(path).Write(Sample());
        using var schema = ReadSchema();
        using var written = JsonDocument.Parse(File.ReadAllBytes(path));

        var checkedPaths = new List<string>();
        Walk(schema.RootElement, schema.RootElement, written.RootElement, "$", checkedPaths);

        // The walk must have reached the top level, the daemon section and every job and link entry.
        Assert.Contains("$", checkedPaths);
        Assert.Contains("$.daemon", checkedPaths);
        Assert.Contains("$.jobs.housekeeping", checkedPaths);
        Assert.Contains("$.jobs.selftest", checkedPaths);
        Assert.Contains("$.jobs.nightly", checkedPaths);
        Assert.Contains("$.links.MIM", checkedPaths);
        Assert.Contains("$.links.NORTON", checkedPaths);
        Assert.Contains("$.outbox", checkedPaths);
        Assert.Contains("$.outbox.channels.smtp", checkedPaths);
        Assert.Contains("$.names", checkedPaths);
    }

    /// <summary>A daemon's heartbeat with a finished, a running and a never-run job, two links and the later sections filled.</summary>
    private static StatusDocument Sample()
    {
        var document = StatusSamples.Healthy();
        document.State = StatusStates.Warning;
        document.Problems.Add("job selftest interrupted at 03:58: HecnetJobs stopped before the run ended");
        document.Jobs["selftest"] = new JobStatus { Type = "selftest", LastRun = Now - TimeSpan.FromSeconds(3), Result = "running" };
        document.Jobs["nightly"] = new JobStatus { Type = "housekeeping" };
        document.Links["MIM"] = new LinkStatus
        {
            State = "up", Since = Now - TimeSpan.FromHours(3), LastCheck = Now - TimeSpan.FromMinutes(1),
            LastChange = Now - TimeSpan.FromHours(3), Confirmed = "up", Reason = "node 1.13 (MIM) is reachable",
        };
        document.Links["NORTON"] = new LinkStatus();
        document.Pydecnet = new PydecnetStatus { State = "running", Pid = 1234, Since = Now - TimeSpan.FromDays(1), RssBytes = 30_000_000, Threads = 9, CpuSeconds = 12.5 };
        document.Host = new HostStatus { Disks = [new DiskStatus { Path = "/var/lib/hecnetjobs", FreeBytes = 1000, TotalBytes = 2000 }], MemAvailableBytes = 500_000_000, Load5 = 0.5 };
        document.Pauses = [new PauseStatus { Job = "watchdog", Until = Now + TimeSpan.FromHours(1), Reason = "upgrade", By = "pi", Since = Now }];
        document.Names = new NamesStatus { LastRefresh = Now - TimeSpan.FromHours(1), Source = "http://mim.stupi.net/hecnod", File = "/etc/pydecnet/nodenames.dat", Entries = 812, Added = 3, Removed = 1, Renamed = 0, Refused = null, PendingRestart = Now + TimeSpan.FromHours(4) };
        document.Outbox = new OutboxStatus
        {
            Queued = 2,
            OldestQueuedAt = Now - TimeSpan.FromMinutes(70),
            OldestQueuedAgeSeconds = 4200,
            Channels =
            {
                ["eml"] = new OutboxChannelStatus { LastSentAt = Now - TimeSpan.FromMinutes(70) },
                ["smtp"] = new OutboxChannelStatus { Queued = 2, LastError = "535 5.7.8 Username and Password not accepted", LastErrorAt = Now, FailingSince = Now - TimeSpan.FromMinutes(70), NextAttemptAt = Now + TimeSpan.FromMinutes(15) },
            },
        };
        return document;
    }

    /// <summary>
    /// Checks <paramref name="value"/> against <paramref name="node"/>: the object's names equal the node's
    /// <c>required</c> list, each value has a type the schema allows, and the walk goes on into named properties and
    /// into map entries (<c>additionalProperties</c> with a schema).
    /// </summary>
    private static void Walk(JsonElement root, JsonElement node, JsonElement value, string path, List<string> checkedPaths)
    {
        node = Resolve(root, node);
        AssertType(node, value, path);
        if (value.ValueKind != JsonValueKind.Object)
            return;

        var names = value.EnumerateObject().Select(p => p.Name).ToList();
        if (node.TryGetProperty("required", out _))
        {
            Assert.True(
                Required(node).Order(StringComparer.Ordinal).SequenceEqual(names.Order(StringComparer.Ordinal)),
                $"{path}: written [{string.Join(", ", names)}], schema requires [{string.Join(", ", Required(node))}]");
            checkedPaths.Add(path);
        }

        var properties = node.TryGetProperty("properties", out var p) ? p : default;
        var entrySchema = node.TryGetProperty("additionalProperties", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            var child = $"{path}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                Walk(root, propertySchema, property.Value, child, checkedPaths);
            else if (entrySchema.ValueKind == JsonValueKind.Object)
                Walk(root, entrySchema, property.Value, child, checkedPaths);
        }
    }

    /// <summary>The value fits the node's <c>type</c>, <c>const</c>, <c>enum</c> and <c>format: date-time</c>.</summary>
    private static void AssertType(JsonElement node, JsonElement value, string path)
    {
        if (node.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
                : [type.GetString()!];
            Assert.True(allowed.Any(t => Fits(t, value)), $"{path}: {value.ValueKind} is not one of [{string.Join(", ", allowed)}]");
        }
        if (node.TryGetProperty("const", out var constant))
            Assert.True(JsonElement.DeepEquals(constant, value), $"{path}: {value} is not the const {constant}");
        if (node.TryGetProperty("enum", out var choices))
            Assert.True(choices.EnumerateArray().Any(c => JsonElement.DeepEquals(c, value)), $"{path}: {value} is not in {choices}");
        if (node.TryGetProperty("format", out var format) && format.GetString() == "date-time" && value.ValueKind == JsonValueKind.String)
            Assert.True(value.TryGetDateTimeOffset(out _), $"{path}: '{value.GetString()}' is not an ISO 8601 time");
    }

    private static bool Fits(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"schema type '{type}' is not handled by this test"),
    };

    /// <summary>Follows a local <c>$ref</c> such as <c>#/$defs/job</c>.</summary>
    private static JsonElement Resolve(JsonElement root, JsonElement node)
    {
        if (!node.TryGetProperty("$ref", out var reference))
            return node;
        var target = root;
        var pointer = reference.GetString()!;
        Assert.StartsWith("#/", pointer);
        foreach (var segment in pointer[2..].Split('/'))
            target = target.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return target;
    }

    private static List<string> Required(JsonElement node) =>
        node.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToList();

    private static JsonDocument ReadSchema() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot(), "docs", "status-file.schema.json")));

    /// <summary>
    /// The folder holding HecnetJobs.sln: up from the test binaries, or, when they were built outside the repository
    /// (<c>--artifacts-path</c>), up from this source file's compile-time location.
    /// </summary>
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HecnetJobs.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no HecnetJobs.sln above {AppContext.BaseDirectory} or {sourceFile}");
    }
}
