namespace HecnetJobs;

/// <summary>Process exit codes, after sysexits(3), which cron and systemd users know. <c>status</c> uses the Nagios codes instead.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The job ran and failed (<c>trigger --wait</c>, or a one-shot run).</summary>
    public const int JobFailed = 1;

    /// <summary>The command line could not be parsed.</summary>
    public const int Usage = 2;

    /// <summary>The database cannot be used: written by a newer HecnetJobs, not a database, or damaged (EX_DATAERR).</summary>
    public const int Database = 65;

    /// <summary>The job named on the command line is not in jobs.xml (EX_NOINPUT).</summary>
    public const int NoSuchJob = 66;

    /// <summary><c>setup</c>: stdin ended before the last question was answered; nothing was written (EX_NOINPUT, as for a job not found).</summary>
    public const int InputEnded = 66;

    /// <summary>A bug: the log has the stack trace (EX_SOFTWARE).</summary>
    public const int Internal = 70;

    /// <summary><c>setup</c>: the config file exists (without <c>--force</c>) or cannot be written (EX_CANTCREAT).</summary>
    public const int CannotCreate = 73;

    /// <summary>Another instance holds the lock, or the daemon did not answer in time; try later (EX_TEMPFAIL).</summary>
    public const int TempFail = 75;

    /// <summary>The config file or jobs.xml is invalid, or a path it names is unusable (EX_CONFIG).</summary>
    public const int Config = 78;

    public const int Interrupted = 130;

    public const int Terminated = 143;
}

/// <summary>Exit codes of <c>hecnetjobs status</c>, after the Nagios plugin convention.</summary>
public static class NagiosCodes
{
    public const int Ok = 0;
    public const int Warning = 1;
    public const int Critical = 2;
    public const int Unknown = 3;
}
