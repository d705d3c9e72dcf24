using System.Text.Json;

namespace HecnetJobs.Config;

/// <summary>One JSON object of the config file, read key by key: every read records what went wrong instead of throwing, and <see cref="Finish"/> reports keys nobody asked for.</summary>
internal sealed partial class JsonSection
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly ConfigErrors _errors;
    private readonly List<string> _known = [];

    private JsonSection(JsonElement element, string path, ConfigErrors errors)
    {
        _element = element;
        _path = path;
        _errors = errors;
    }

    /// <summary>The top-level object, or null (with an error recorded) when the document is not an object.</summary>
    public static JsonSection? Root(JsonElement root, ConfigErrors errors)
    {
        if (root.ValueKind == JsonValueKind.Object)
            return new JsonSection(root, "", errors);
        errors.File($"the top level is {Describe(root)}, expected an object {{ ... }}");
        return null;
    }

    /// <summary>A nested object; an empty section (all defaults) when the key is absent.</summary>
    public JsonSection Section(string key)
    {
        var found = Find(key);
        if (found is { } value && value.ValueKind != JsonValueKind.Object)
        {
            _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is {Describe(value)}, expected an object {{ ... }}");
            found = null;
        }
        using var empty = JsonDocument.Parse("{}");
        return new JsonSection(found ?? empty.RootElement.Clone(), PathOf(key), _errors);
    }

    public string? String(string key, bool required = false, string? example = null)
    {
        var found = Find(key);
        if (found is not { } value)
        {
            if (required)
                _errors.Key(PathOf(key), $"missing{(example is null ? "" : $" (e.g. {example})")}");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            return text;
        _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not a non-empty string{(example is null ? "" : $" (e.g. {example})")}");
        return null;
    }

    public int Int(string key, int defaultValue, int min, int max)
    {
        if (Find(key) is not { } value)
            return defaultValue;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            return number;
        _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not a whole number from {min} to {max}");
        return defaultValue;
    }

    public bool Bool(string key, bool defaultValue)
    {
        if (Find(key) is not { } value)
            return defaultValue;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not true or false");
        return defaultValue;
    }

    /// <summary>A password or key: like <see cref="String"/>, but an error never shows the value.</summary>
    public string? SecretString(string key)
    {
        if (Find(key) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            return text;
        _errors.Key(PathOf(key), "is not a non-empty string (the value is not shown: it is a secret)");
        return null;
    }

    /// <summary>True when this object has no keys at all (an absent section is empty too).</summary>
    public bool IsEmpty => !_element.EnumerateObject().Any();

    /// <summary>A list of strings (each may be empty); null when the key is absent.</summary>
    public IReadOnlyList<string>? StringList(string key, string? example = null)
    {
        if (Find(key) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            return value.EnumerateArray().Select(v => v.GetString()!).ToArray();
        _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not a list of strings{(example is null ? "" : $" (e.g. {example})")}");
        return null;
    }

    /// <summary>A duration such as <c>"30s"</c>; it must lie within [min, max].</summary>
    public TimeSpan Duration(string key, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        if (Find(key) is not { } value)
            return defaultValue;
        var example = $"e.g. \"{Config.Duration.Format(defaultValue)}\"";
        if (value.ValueKind != JsonValueKind.String || !Config.Duration.TryParse(value.GetString()!, out var parsed))
        {
            _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not a duration ({example}; units ms, s, m, h, d)");
            return defaultValue;
        }
        if (parsed <= TimeSpan.Zero)
        {
            _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not a duration above zero ({example})");
            return defaultValue;
        }
        if (parsed < min || parsed > max)
        {
            _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is out of range (from {Config.Duration.Format(min)} to {Config.Duration.Format(max)})");
            return defaultValue;
        }
        return parsed;
    }

    /// <summary>One of a fixed set of words, compared without regard to case; returns the spelling from <paramref name="allowed"/>.</summary>
    public string Choice(string key, string defaultValue, IReadOnlyList<string> allowed)
    {
        if (Find(key) is not { } value)
            return defaultValue;
        if (value.ValueKind == JsonValueKind.String)
        {
            var match = allowed.FirstOrDefault(a => string.Equals(a, value.GetString(), StringComparison.OrdinalIgnoreCase));
            if (match is not null)
                return match;
        }
        _errors.Key(PathOf(key), $"{ConfigErrors.Show(value)} is not one of {ConfigErrors.Join(allowed)}");
        return defaultValue;
    }

    public void Error(string key, string message) => _errors.Key(PathOf(key), message);

    /// <summary>Reports every key of this object that no read asked for: a typo must not fall back to a default silently.</summary>
    public void Finish()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
                _errors.Key(PathOf(property.Name), $"unknown key (expected one of: {ConfigErrors.Join(_known)})");
        }
    }

    private JsonElement? Find(string key)
    {
        _known.Add(key);
        return _element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private string PathOf(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
