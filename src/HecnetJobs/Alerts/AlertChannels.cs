namespace HecnetJobs.Alerts;

/// <summary>The channels the <c>alerts</c> section configures, in a fixed order: eml, smtp, webhook.</summary>
public static class AlertChannels
{
    public static IReadOnlyList<IAlertChannel> Create(AlertsOptions options)
    {
        var channels = new List<IAlertChannel>();
        if (options.Eml is { } eml)
        {
            // The files look like the mails would: same sender and recipients when a mail server is configured.
            var from = options.Smtp?.From ?? "hecnetjobs@localhost";
            var to = options.Smtp?.To ?? ["root@localhost"];
            channels.Add(new EmlChannel(eml, from, to));
        }
        if (options.Smtp is { } smtp)
            channels.Add(new SmtpChannel(smtp));
        if (options.Webhook is { } webhook)
            channels.Add(new WebhookChannel(webhook));
        return channels;
    }
}
