using System.Globalization;
using System.Text.Json;

namespace HecnetJobs.Config;

/// <summary>Collects every problem found in one config file so the user sees them all at once, each as one line.</summary>
internal sealed class ConfigErrors(string fileLabel)
{
    private readonly List<string> _lines = [];

    public string FileLabel { get; } = fileLabel;

    public bool Any => _lines.Count > 0;

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Adds <c>file: 'key': message</c>.</summary>
    public void Key(string key, string message) => _lines.Add($"{FileLabel}: '{key}': {message}");

    /// <summary>Adds <c>file: message</c> for problems of the file as a whole.</summary>
    public void File(string message) => _lines.Add($"{FileLabel}: {message}");

    /// <summary>Shows a JSON value the way the user typed it, short enough for one line.</summary>
    public static string Show(JsonElement value)
    {
        var raw = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
        return raw.Length > 60 ? string.Concat(raw.AsSpan(0, 57), "...") : raw;
    }

    public static string Join(IEnumerable<string> names) => string.Join(", ", names);

    public HecnetJobsException ToException() =>
        new(string.Join('\n', _lines), ExitCodes.Config);

    public static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
