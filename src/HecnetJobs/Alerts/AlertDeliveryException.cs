namespace HecnetJobs.Alerts;

/// <summary>A channel could not deliver a message. The message is one line for a person, with the server's own words when it answered, and never a secret.</summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public AlertDeliveryException()
        : this("the alert could not be delivered")
    {
    }

    public AlertDeliveryException(string message)
        : this(message, null)
    {
    }
}
