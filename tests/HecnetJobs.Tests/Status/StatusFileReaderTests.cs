using System.Text.Json;
using HecnetJobs.Status;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Status;

public sealed class StatusFileReaderTests : IDisposable
{
    private const string UpdatedAt = "\"updatedAt\": \"2026-11-23T03:59:48+00:00\"";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_missing_file_is_critical_and_says_hecnetjobs_has_not_run()
    {
        var path = _dir.File("status.json");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Critical,
            $"no status file at {path}: HecnetJobs has not run with this config (or status.file points elsewhere)");
    }

    [Fact]
    public void A_missing_folder_is_critical_like_a_missing_file()
    {
        var path = _dir.File("gone/status.json");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Critical,
            $"no status file at {path}: HecnetJobs has not run with this config (or status.file points elsewhere)");
    }

    [Fact]
    public void An_empty_file_is_unknown()
    {
        var path = _dir.Write("status.json", "");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: the file is empty (expected the JSON heartbeat)");
    }

    [Fact]
    public void A_file_cut_in_half_is_unknown_and_names_the_line_where_it_ends()
    {
        var path = _dir.File("status.json");
        new StatusFile(path).Write(StatusSamples.Healthy());
        var whole = File.ReadAllText(path);
        var half = whole[..(whole.Length / 2)];
        File.WriteAllText(path, half);

        var result = StatusFileReader.Read(path);

        var lastLine = half.Split('\n').Length;
        AssertProblem(result, NagiosCodes.Unknown, $"{path}: line {lastLine}: not valid JSON (truncated or not a status file)");
    }

    [Fact]
    public void A_file_that_is_not_json_at_all_is_unknown()
    {
        var path = _dir.Write("status.json", "HecnetJobs is fine\n");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: line 1: not valid JSON (truncated or not a status file)");
    }

    [Fact]
    public void Invalid_json_further_down_names_its_line()
    {
        var path = _dir.Write("status.json", "{\n  \"schema\": 1,\n  \"state\": ok\n}\n");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: line 3: not valid JSON (truncated or not a status file)");
    }

    [Fact]
    public void A_top_level_array_is_unknown()
    {
        var path = _dir.Write("status.json", "[{\"schema\": 1}]");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: not a JSON object (not a HecnetJobs status file?)");
    }

    [Fact]
    public void A_file_without_schema_is_unknown()
    {
        var path = _dir.Write("status.json", $"{{{UpdatedAt}}}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'schema': missing or not a number (not a HecnetJobs status file?)");
    }

    [Fact]
    public void A_fractional_schema_is_unknown()
    {
        var path = _dir.Write("status.json", $"{{\"schema\": 1.5, {UpdatedAt}}}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'schema': missing or not a number (not a HecnetJobs status file?)");
    }

    [Fact]
    public void A_schema_written_as_a_string_is_unknown()
    {
        var path = _dir.Write("status.json", $"{{\"schema\": \"1\", {UpdatedAt}}}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'schema': missing or not a number (not a HecnetJobs status file?)");
    }

    [Fact]
    public void A_status_file_path_that_is_a_folder_is_unknown_and_says_so()
    {
        var path = _dir.File("status.json");
        Directory.CreateDirectory(path);

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: cannot be read (it is a folder; 'status.file' must name a file)");
    }

    [Fact]
    public void A_newer_schema_is_unknown_and_says_to_upgrade_the_reader()
    {
        var path = _dir.Write("status.json", $"{{\"schema\": 2, {UpdatedAt}}}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'schema': 2 is newer than this HecnetJobs reads (1); upgrade the hecnetjobs that reads it");
    }

    [Fact]
    public void Schema_0_is_unknown()
    {
        var path = _dir.Write("status.json", $"{{\"schema\": 0, {UpdatedAt}}}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'schema': 0 is not a valid schema version (expected 1)");
    }

    [Fact]
    public void A_file_without_updated_at_is_unknown()
    {
        var path = _dir.Write("status.json", "{\"schema\": 1, \"state\": \"ok\"}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'updatedAt': missing or not an ISO 8601 time");
    }

    [Fact]
    public void An_updated_at_that_is_not_a_time_is_unknown()
    {
        var path = _dir.Write("status.json", "{\"schema\": 1, \"updatedAt\": \"yesterday\"}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'updatedAt': missing or not an ISO 8601 time");
    }

    [Fact]
    public void An_updated_at_written_as_a_number_is_unknown()
    {
        var path = _dir.Write("status.json", "{\"schema\": 1, \"updatedAt\": 1795406388}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'updatedAt': missing or not an ISO 8601 time");
    }

    [Fact]
    public void A_field_with_the_wrong_type_is_unknown_and_names_the_field()
    {
        var path = _dir.Write("status.json", $"{{\"schema\": 1, {UpdatedAt}, \"state\": \"ok\", \"problems\": [], \"daemon\": {{}}, \"outbox\": {{}}, \"jobs\": 5}}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'jobs': has the wrong type for status schema 1");
    }

    [Fact]
    public void A_nested_field_with_the_wrong_type_is_named_by_its_path()
    {
        var path = _dir.Write("status.json", $"{{\"schema\": 1, {UpdatedAt}, \"state\": \"ok\", \"problems\": [], \"jobs\": {{}}, \"outbox\": {{}}, \"daemon\": {{\"pid\": \"4242\"}}}}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'daemon.pid': has the wrong type for status schema 1");
    }

    [Fact]
    public void A_file_without_the_sections_status_reads_is_unknown_not_a_crash()
    {
        var path = _dir.Write("status.json", $"{{\"schema\": 1, {UpdatedAt}, \"state\": \"ok\", \"problems\": [], \"daemon\": null, \"jobs\": {{}}, \"outbox\": {{}}}}");

        var result = StatusFileReader.Read(path);

        AssertProblem(result, NagiosCodes.Unknown, $"{path}: 'daemon': missing (every schema 1 status file has it)");
    }

    [Fact]
    public void A_file_written_by_status_file_reads_back_unchanged()
    {
        var path = _dir.File("status.json");
        var written = StatusSamples.Healthy();
        written.Problems.Add("job housekeeping failed at 03:55: disk full");
        written.Links["MIM"] = new LinkStatus { State = "up", Since = StatusSamples.Now - TimeSpan.FromHours(3) };
        new StatusFile(path).Write(written);

        var result = StatusFileReader.Read(path);

        Assert.Equal(NagiosCodes.Ok, result.Code);
        Assert.Null(result.Problem);
        Assert.Equal(Json(written), Json(result.Document!));
    }

    [Fact]
    public void Write_leaves_no_temporary_file_behind()
    {
        var path = _dir.File("status.json");

        new StatusFile(path).Write(StatusSamples.Healthy());

        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Write_replaces_an_existing_file()
    {
        var path = _dir.Write("status.json", "{\"schema\": 1, \"updatedAt\": \"2020-01-01T00:00:00+00:00\", \"state\": \"critical\"}");
        var newer = StatusSamples.Healthy();

        new StatusFile(path).Write(newer);

        var result = StatusFileReader.Read(path);
        Assert.Equal(newer.UpdatedAt, result.Document!.UpdatedAt);
        Assert.Equal(StatusStates.Ok, result.Document.State);
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Write_creates_a_missing_folder()
    {
        var path = _dir.File("data/status/status.json");

        new StatusFile(path).Write(StatusSamples.Healthy());

        Assert.Equal(NagiosCodes.Ok, StatusFileReader.Read(path).Code);
    }

    private static void AssertProblem(StatusReadResult result, int code, string problem)
    {
        Assert.Equal(problem, result.Problem);
        Assert.Equal(code, result.Code);
        Assert.Null(result.Document);
    }

    private static string Json(StatusDocument document) => JsonSerializer.Serialize(document, StatusJsonContext.Default.StatusDocument);
}
