namespace HecnetJobs.Web;

/// <summary>One live connection's queue of updates (<see cref="LiveFeed.Subscribe"/>); dispose it when the connection ends.</summary>
public sealed class LiveSubscription(Action remove, System.Threading.Channels.ChannelReader<string> updates) : IDisposable
{
    private int _disposed;

    public System.Threading.Channels.ChannelReader<string> Updates => updates;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            remove();
    }
}
