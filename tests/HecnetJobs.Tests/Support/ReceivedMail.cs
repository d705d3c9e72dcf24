using MimeKit;

namespace HecnetJobs.Tests.Support;

/// <summary>A message as the SMTP server received it: the MIME message, the envelope, the login used and whether TLS was on.</summary>
public sealed record ReceivedMail(MimeMessage Message, string MailFrom, IReadOnlyList<string> RcptTo, string? Login, bool Tls);
