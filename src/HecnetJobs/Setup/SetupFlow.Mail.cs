using System.Globalization;
using HecnetJobs.Alerts;
using HecnetJobs.Config;

namespace HecnetJobs.Setup;

public sealed partial class SetupFlow
{
    /// <summary>eml files, or a mail server with its port, login, password, recipients and sender.</summary>
    private (SmtpAnswers? Smtp, string? Password) AskMail()
    {
        var host = source.Ask(new Question<string?>(SetupFlags.SmtpHostFlag, "Alerts by mail: eml writes mail files into the data folder, or give your SMTP server's host name",
            Flags.SmtpHost ?? (Flags.Mail == SetupFlags.MailSmtp ? null : AnswerRules.Eml), AnswerRules.MailServer)
        {
            Missing = "missing: --mail smtp needs the mail server's host name",
        });
        if (host is null)
            return (null, null);

        var port = source.Ask(new Question<int>(SetupFlags.SmtpPortFlag, "SMTP port (587 STARTTLS, 465 TLS)",
            (Flags.SmtpPort ?? 587).ToString(CultureInfo.InvariantCulture), AnswerRules.Port));
        var security = Flags.SmtpSecurity ?? AnswerRules.SecurityFor(host, port);
        var user = source.Ask(new Question<string?>(SetupFlags.SmtpUserFlag, "SMTP login, or none",
            Flags.SmtpUser ?? AnswerRules.None, AnswerRules.SmtpUser));
        string? password = null;
        if (user is not null)
        {
            if (security == SmtpSecurity.None && !ConfigLoader.IsLoopback(host))
                throw new HecnetJobsException($"{SetupFlags.SmtpSecurityFlag}: 'none' would send the password of '{user}' unencrypted to {host}; use starttls or tls", ExitCodes.Usage);
            password = source.Secret(SetupFlags.SmtpUserFlag, "SMTP password", context.SmtpPasswordFromEnvironment);
        }
        var userAddress = user is not null && ConfigLoader.IsMailAddress(user) ? user : null;
        var to = source.Ask(new Question<IReadOnlyList<string>>(SetupFlags.MailToFlag, "Send alerts to (addresses, separated by spaces)",
            SetupFlags.Joined(Flags.MailTo) ?? userAddress, AnswerRules.MailAddresses)
        {
            Missing = "missing: a mail server needs at least one recipient",
        });
        var from = source.Ask(new Question<string>(SetupFlags.MailFromFlag, "Send alerts from",
            Flags.MailFrom ?? userAddress ?? to[0], AnswerRules.MailAddress));
        // The loader's own default is the login when it is an address: only a different sender is written.
        return (new SmtpAnswers(host, port, security, user, to, from == userAddress ? null : from), password);
    }
}
