using HecnetJobs.Logging;
using HecnetJobs.Status;
using HecnetJobs.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace HecnetJobs.Web;

/// <summary>
/// Feeds the open pages. While one is open it looks at the store four times a second and, when anyone committed, has
/// the status rebuilt; a rebuilt or published document whose watched content changed is rendered once and pushed to
/// every page. With no page open it does nothing at all.
/// </summary>
public sealed class LivePump(LiveFeed feed, StatusPublisher status, Database database, Func<StatusDocument, string> render, TimeSpan interval, TimeProvider time, ILogger logger)
{
    private StatusDocument? _changed;

    /// <summary>The publisher's <see cref="StatusPublisher.Published"/> handler: remembers a changed document for the next round.</summary>
    public void OnPublished(StatusDocument document, bool changed)
    {
        if (changed)
            Volatile.Write(ref _changed, document);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var watch = new StoreWatch(database);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (feed.Count == 0)
            {
                await feed.WaitForSubscriberAsync(cancellationToken);
                continue;
            }
            try
            {
                if (watch.Changed())
                    await status.RefreshAsync(cancellationToken);
                if (Interlocked.Exchange(ref _changed, null) is { } document)
                    feed.Publish(render(document));
            }
            catch (SqliteException e)
            {
                // A busy or damaged store: the pages keep what they show, and the next round tries again.
                Log.WebLiveFailed(logger, e);
            }
            await Task.Delay(interval, time, cancellationToken);
        }
    }
}
