namespace HecnetJobs.Jobs;

/// <summary>When the name refresh restarts PyDECnet after writing new names (PyDECnet reads names only at start).</summary>
public enum NamesRestartMode
{
    /// <summary>At once, through the watchdog's restart path (<c>"now"</c>).</summary>
    Now,

    /// <summary>Never: PyDECnet reads the new names at its next start, whoever starts it (<c>"off"</c>).</summary>
    Off,

    /// <summary>At the first run at or after the next <see cref="NameRefreshOptions.QuietHour"/> (<c>"HH:MM"</c>).</summary>
    QuietHour,
}
