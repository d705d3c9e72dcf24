namespace HecnetJobs.Setup;

/// <summary>An answer read into its value, or the one-line reason it was refused.</summary>
public readonly record struct Parsed<T>(T? Value, string? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>Makes <see cref="Parsed{T}"/> values.</summary>
public static class Parsed
{
    public static Parsed<T> Ok<T>(T value) => new(value, null);

    public static Parsed<T> Bad<T>(string problem) => new(default, problem);
}
