namespace HecnetJobs.Alerts;

/// <summary>
/// Writes each message as an <c>.eml</c> file (open it with any mail client). The name comes from the Message-Id, so a
/// message repeated after a crash replaces its own file instead of adding a second one. Written to a temporary file and
/// renamed, so a reader never sees half a message.
/// </summary>
public sealed class EmlChannel(EmlOptions options, string from, IReadOnlyList<string> to) : IAlertChannel
{
    public const string ChannelName = "eml";

    public string Name => ChannelName;

    public string MinSeverity => options.MinSeverity;

    public string Target => options.Folder;

    public async Task<string> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var name = $"{message.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{FileName(message.MessageId)}.eml";
        var existing = Directory.Exists(options.Folder)
            ? Directory.EnumerateFiles(options.Folder, $"*-{FileName(message.MessageId)}.eml").FirstOrDefault()
            : null;
        var path = existing ?? Path.Combine(options.Folder, name);
        var temporary = Path.Combine(options.Folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(options.Folder);
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await MailMessages.Build(message, from, to).WriteToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            return Path.GetFileName(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new AlertDeliveryException($"cannot write {path}: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}", e);
        }
    }

    /// <summary>The Message-Id's local part, safe in a file name.</summary>
    private static string FileName(string messageId) =>
        new([.. messageId.Split('@')[0].Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a leftover temporary file; the error that matters is reported by the caller.
        }
    }
}
