namespace HecnetJobs.Pydecnet;

/// <summary>Turns a file exception into the short reason at the end of a one-line message.</summary>
internal static class FileErrors
{
    /// <summary>The reason without the temporary paths .NET puts in its messages, which would only confuse the reader.</summary>
    public static string Reason(Exception ex) => ex switch
    {
        DirectoryNotFoundException => "its folder does not exist",
        UnauthorizedAccessException => "permission denied",
        _ => ex.Message.ReplaceLineEndings(" ").Trim(),
    };
}
