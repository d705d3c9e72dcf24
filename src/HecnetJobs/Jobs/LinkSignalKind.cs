namespace HecnetJobs.Jobs;

/// <summary>What one check changed about a link, beyond counting.</summary>
public enum LinkSignalKind
{
    /// <summary>Confirmed down: the "down" alert.</summary>
    Down,

    /// <summary>Confirmed up after being down: the "up" alert.</summary>
    Up,

    /// <summary>Confirmed up for the first time (never known before): recorded, no alert.</summary>
    FirstUp,

    /// <summary>Still down after the reminder interval: the reminder alert.</summary>
    StillDown,

    /// <summary>Checks unknown for longer than allowed: the "cannot check" alert.</summary>
    UnknownTooLong,

    /// <summary>A check tells again after the "cannot check" alert: its closing alert.</summary>
    KnownAgain,
}
