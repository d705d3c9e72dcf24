namespace HecnetJobs.Setup;

/// <summary>The answers given on the command line: with <c>--non-interactive</c> they are the answers, otherwise the defaults offered.</summary>
public sealed record SetupFlags
{
    public const string NodeNameFlag = "--node-name";
    public const string PydecnetConfigFlag = "--pydecnet-config";
    public const string PydecnetCommandFlag = "--pydecnet-command";
    public const string PydecnetLogFlag = "--pydecnet-log";
    public const string NcpFlag = "--ncp";
    public const string TargetFlag = "--target";
    public const string MailFlag = "--mail";
    public const string SmtpHostFlag = "--smtp-host";
    public const string SmtpPortFlag = "--smtp-port";
    public const string SmtpSecurityFlag = "--smtp-security";
    public const string SmtpUserFlag = "--smtp-user";
    public const string MailToFlag = "--mail-to";
    public const string MailFromFlag = "--mail-from";
    public const string PingUrlFlag = "--ping-url";
    public const string NamesFileFlag = "--names-file";
    public const string DataDirFlag = "--data-dir";

    /// <summary>The <c>--mail</c> value for a mail server; <c>eml</c> is the other.</summary>
    public const string MailSmtp = "smtp";

    public string? NodeName { get; init; }

    public IReadOnlyList<string> PydecnetConfigs { get; init; } = [];

    public string? PydecnetCommand { get; init; }

    public string? PydecnetLog { get; init; }

    public string? Ncp { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary><c>eml</c> or <c>smtp</c>; null when not given.</summary>
    public string? Mail { get; init; }

    public string? SmtpHost { get; init; }

    public int? SmtpPort { get; init; }

    public string? SmtpSecurity { get; init; }

    public string? SmtpUser { get; init; }

    public IReadOnlyList<string> MailTo { get; init; } = [];

    public string? MailFrom { get; init; }

    public string? PingUrl { get; init; }

    public string? NamesFile { get; init; }

    public string? DataDir { get; init; }

    /// <summary>A list's values as one answer, or null when there are none.</summary>
    public static string? Joined(IReadOnlyList<string> values) => values.Count == 0 ? null : string.Join(' ', values);

    /// <summary>Flags that contradict each other, as a usage error's line; null when they agree.</summary>
    public string? Conflict()
    {
        if (Mail == AnswerRules.Eml)
        {
            string?[] smtpOnly = [SmtpHost, SmtpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture), SmtpSecurity, SmtpUser, Joined(MailTo), MailFrom];
            string[] names = [SmtpHostFlag, SmtpPortFlag, SmtpSecurityFlag, SmtpUserFlag, MailToFlag, MailFromFlag];
            for (var i = 0; i < names.Length; i++)
            {
                if (smtpOnly[i] is not null)
                    return $"{names[i]}: not used with --mail eml (leave it out, or use --mail smtp)";
            }
        }
        return null;
    }
}
