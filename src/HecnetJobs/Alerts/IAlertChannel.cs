namespace HecnetJobs.Alerts;

/// <summary>A way to deliver alert messages: a folder of .eml files, a mail server, a webhook.</summary>
public interface IAlertChannel
{
    /// <summary>The channel's name in the outbox and the status file: <c>eml</c>, <c>smtp</c> or <c>webhook</c>.</summary>
    string Name { get; }

    /// <summary>The least severe alert it takes (see <see cref="AlertSeverity.Rank"/>).</summary>
    string MinSeverity { get; }

    /// <summary>Where it delivers, for messages; never holds a secret (a webhook shows only scheme, host and port).</summary>
    string Target { get; }

    /// <summary>Delivers the message and returns the receiver's answer in one line (<c>250 2.0.0 Ok: queued</c>, <c>HTTP 200</c>, a file name).</summary>
    /// <exception cref="AlertDeliveryException">The message was not delivered; its text is the receiver's own reply where there was one.</exception>
    Task<string> SendAsync(AlertMessage message, CancellationToken cancellationToken);
}
