using System.Text.Json;

namespace HecnetJobs.Status;

/// <summary>Writes the heartbeat file atomically (temp file, flush to disk, rename), so a reader sees the old or the new file, never half of one.</summary>
public sealed class StatusFile(string path)
{
    public string Path { get; } = path;

    public void Write(StatusDocument document)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(folder);
        var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, document, StatusJsonContext.Document);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            // Only left behind when writing failed; a reader never looks at it, but it must not pile up.
            File.Delete(temp);
        }
    }
}

/// <summary>What reading the heartbeat file gave: a document, or why there is none and how bad that is (a Nagios code).</summary>
public sealed record StatusReadResult(StatusDocument? Document, int Code, string? Problem);

/// <summary>Reads the heartbeat file without touching the database or the lock, as <c>hecnetjobs status</c> must.</summary>
public static class StatusFileReader
{
    /// <summary>The sections <c>status</c> reads; a file without them cannot be judged.</summary>
    private static readonly string[] RequiredSections = ["state", "problems", "daemon", "jobs", "outbox"];

    public static StatusReadResult Read(string path)
    {
        if (Directory.Exists(path))
            return new(null, NagiosCodes.Unknown, $"{path}: cannot be read (it is a folder; 'status.file' must name a file)");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new(null, NagiosCodes.Critical, $"no status file at {path}: HecnetJobs has not run with this config (or status.file points elsewhere)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, NagiosCodes.Unknown, $"{path}: cannot be read ({Config.ConfigLoader.Reason(e)})");
        }
        if (bytes.Length == 0)
            return new(null, NagiosCodes.Unknown, $"{path}: the file is empty (expected the JSON heartbeat)");

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return new(null, NagiosCodes.Unknown, $"{path}: line {(e.LineNumber ?? 0) + 1}: not valid JSON (truncated or not a status file)");
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return new(null, NagiosCodes.Unknown, $"{path}: not a JSON object (not a HecnetJobs status file?)");
            if (!json.RootElement.TryGetProperty("schema", out var schemaElement)
                || schemaElement.ValueKind != JsonValueKind.Number
                || !schemaElement.TryGetInt32(out var schema))
            {
                return new(null, NagiosCodes.Unknown, $"{path}: 'schema': missing or not a number (not a HecnetJobs status file?)");
            }
            if (schema > StatusDocument.CurrentSchema)
                return new(null, NagiosCodes.Unknown, $"{path}: 'schema': {schema} is newer than this HecnetJobs reads ({StatusDocument.CurrentSchema}); upgrade the hecnetjobs that reads it");
            if (schema < 1)
                return new(null, NagiosCodes.Unknown, $"{path}: 'schema': {schema} is not a valid schema version (expected {StatusDocument.CurrentSchema})");
            if (!json.RootElement.TryGetProperty("updatedAt", out var updated)
                || updated.ValueKind != JsonValueKind.String
                || !updated.TryGetDateTimeOffset(out _))
                return new(null, NagiosCodes.Unknown, $"{path}: 'updatedAt': missing or not an ISO 8601 time");
            foreach (var section in RequiredSections)
            {
                if (!json.RootElement.TryGetProperty(section, out var value) || value.ValueKind is JsonValueKind.Null)
                    return new(null, NagiosCodes.Unknown, $"{path}: '{section}': missing (every schema {schema} status file has it)");
            }
            try
            {
                var document = json.Deserialize(StatusJsonContext.Document);
                return document is null
                    ? new(null, NagiosCodes.Unknown, $"{path}: the file holds null")
                    : new(document, NagiosCodes.Ok, null);
            }
            catch (JsonException e)
            {
                var key = e.Path is { Length: > 2 } p ? p[2..] : "?";
                return new(null, NagiosCodes.Unknown, $"{path}: '{key}': has the wrong type for status schema {schema}");
            }
        }
    }
}
