using System.Threading.Channels;

namespace HecnetJobs.Web;

/// <summary>
/// The open live connections of the status page. Each gets the latest update only: a slow phone on a bad link skips
/// updates it has not read yet instead of queueing them.
/// </summary>
public sealed class LiveFeed
{
    private readonly Lock _lock = new();
    private readonly List<Channel<string>> _subscribers = [];
    private readonly Channel<bool> _arrived = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>How many connections are open.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _subscribers.Count;
        }
    }

    /// <summary>Opens a connection's queue; dispose the subscription when the connection ends.</summary>
    public LiveSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
            _subscribers.Add(channel);
        _arrived.Writer.TryWrite(true);
        return new LiveSubscription(() => Remove(channel), channel.Reader);
    }

    /// <summary>Hands an update to every open connection.</summary>
    public void Publish(string payload)
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(payload);
        }
    }

    /// <summary>Waits until a connection opens (returns at once when one opened since the last wait).</summary>
    public async Task WaitForSubscriberAsync(CancellationToken cancellationToken) => await _arrived.Reader.ReadAsync(cancellationToken);

    private void Remove(Channel<string> channel)
    {
        lock (_lock)
            _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }
}
