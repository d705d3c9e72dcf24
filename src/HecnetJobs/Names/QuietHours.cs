namespace HecnetJobs.Names;

/// <summary>When the next quiet hour (a local time of day) comes, across midnight and daylight-saving changes.</summary>
public static class QuietHours
{
    /// <summary>The first moment at or after <paramref name="now"/> whose local time in <paramref name="zone"/> is <paramref name="at"/>; a time skipped by a clock change moves to the hour after.</summary>
    public static DateTimeOffset Next(DateTimeOffset now, TimeOnly at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = 0; day < 3; day++)
        {
            var wall = local.Date.AddDays(day) + at.ToTimeSpan();
            if (zone.IsInvalidTime(wall))
                wall = wall.AddHours(1);
            // An ambiguous time (clocks going back) is taken at its first occurrence, the larger offset.
            var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
            var candidate = new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), offset);
            if (candidate >= now)
                return candidate.ToUniversalTime();
        }
        throw new InvalidOperationException("no quiet hour within three days");
    }
}
