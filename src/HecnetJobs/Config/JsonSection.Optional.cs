using System.Text.Json;

namespace HecnetJobs.Config;

/// <summary>Values that may be switched off, and a word that may also be given per name.</summary>
internal sealed partial class JsonSection
{
    /// <summary>A duration such as <c>"12h"</c> within [min, max], or null when the value is <c>"off"</c>.</summary>
    public TimeSpan? DurationOrOff(string key, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        if (Find(key) is not { } value)
            return defaultValue;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (string.Equals(text, "off", StringComparison.OrdinalIgnoreCase))
            return null;
        var example = $"e.g. \"{Config.Duration.Format(defaultValue)}\", or \"off\"";
        if (text is null || !Config.Duration.TryParse(text, out var parsed) || parsed <= TimeSpan.Zero)
            _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not a duration above zero or \"off\" ({example}; units ms, s, m, h, d)");
        else if (parsed < min || parsed > max)
            _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is out of range (from {Config.Duration.Format(min)} to {Config.Duration.Format(max)}, or \"off\")");
        else
            return parsed;
        return defaultValue;
    }

    /// <summary>
    /// One of <paramref name="allowed"/> for every name, or an object giving one per name (names checked and normalised
    /// by <paramref name="name"/>, which returns null for a bad one); names not in the object get the default.
    /// </summary>
    public (string All, IReadOnlyDictionary<string, string> ByName) ChoiceByName(
        string key, string defaultValue, IReadOnlyList<string> allowed, Func<string, string?> name, string nameExpected)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(key) is not { } value)
            return (defaultValue, byName);
        var choices = ConfigErrors.Join(allowed);
        if (value.ValueKind == JsonValueKind.String)
        {
            if (Match(value, allowed) is { } word)
                return (word, byName);
            _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not one of {choices} (or an object such as {{ \"MIM\": \"warning\" }})");
            return (defaultValue, byName);
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not one of {choices} or an object such as {{ \"MIM\": \"warning\" }}");
            return (defaultValue, byName);
        }
        foreach (var entry in value.EnumerateObject())
        {
            var path = $"{PathOf(key)}.{entry.Name}";
            if (name(entry.Name) is not { } normalised)
                _errors.Key(path, $"'{entry.Name}' is not {nameExpected}");
            else if (Match(entry.Value, allowed) is not { } word)
                _errors.Key(path, $"{ConfigErrors.Show(entry.Value)} is not one of {choices}");
            else
                byName[normalised] = word;
        }
        return (defaultValue, byName);
    }

    private static string? Match(JsonElement value, IReadOnlyList<string> allowed) =>
        value.ValueKind == JsonValueKind.String
            ? allowed.FirstOrDefault(a => string.Equals(a, value.GetString(), StringComparison.OrdinalIgnoreCase))
            : null;
}
