using System.Globalization;
using MimeKit;

namespace HecnetJobs.Alerts;

/// <summary>Builds the MIME message (plain text and HTML) that the SMTP and .eml channels send.</summary>
public static class MailMessages
{
    public static MimeMessage Build(AlertMessage message, string from, IReadOnlyList<string> to)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Date = message.CreatedAt,
            Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody(),
        };
        mime.From.Add(MailboxAddress.Parse(from));
        foreach (var address in to)
            mime.To.Add(MailboxAddress.Parse(address));
        if (message.Alerts.Count > 0)
            mime.Headers.Add("X-Hecnetjobs-Alerts", string.Join(",", message.Alerts.Select(a => a.Id.ToString(CultureInfo.InvariantCulture))));
        mime.Headers.Add("X-Hecnetjobs-Severity", message.Severity);
        if (message.Severity == AlertSeverity.Critical)
            mime.Importance = MessageImportance.High;
        // Mail clients group on these; a repeated message already carries the same Message-Id.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }
}
