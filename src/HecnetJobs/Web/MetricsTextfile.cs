using System.Threading.Channels;
using HecnetJobs.Logging;
using HecnetJobs.Status;
using HecnetJobs.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Web;

/// <summary>
/// Keeps the metrics in a <c>.prom</c> file for node_exporter's textfile collector: rewritten after every status update,
/// atomically (a temporary file in the same folder, then a rename), readable by everyone (it holds no secret).
/// A failure is logged once, and once more when writing works again.
/// </summary>
public sealed class MetricsTextfile(string path, MetricsCounters counters, Database database, string nodeName, ILogger logger)
{
    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private StatusDocument? _latest;
    private bool _failing;

    public string Path { get; } = path;

    /// <summary>The publisher's <see cref="StatusPublisher.Published"/> handler: every document is worth a write.</summary>
    public void OnPublished(StatusDocument document, bool changed)
    {
        Volatile.Write(ref _latest, document);
        _due.Writer.TryWrite(true);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _due.Reader.ReadAsync(cancellationToken);
            if (Volatile.Read(ref _latest) is not { } document)
                continue;
            try
            {
                Write(MetricsWriter.Write(MetricsSnapshot.Take(document, counters, database, nodeName)));
                if (_failing)
                    Log.TextfileRecovered(logger, Path);
                _failing = false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
            {
                if (!_failing)
                    Log.TextfileFailed(logger, Path, Config.ConfigLoader.Reason(e));
                _failing = true;
            }
        }
    }

    /// <summary>Replaces the file in one step: node_exporter reads the old file or the new one, never half of one.</summary>
    public void Write(string text)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        // Not *.prom: the collector must never read the half-written file.
        var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            // node_exporter runs as another user, and a service's umask (077) would hide the file; it holds no secret.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
