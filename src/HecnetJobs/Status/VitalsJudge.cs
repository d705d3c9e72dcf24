using System.Globalization;

namespace HecnetJobs.Status;

/// <summary>Turns a <see cref="HostVitals"/> reading into warnings and critical findings against <see cref="VitalsThresholds"/>.</summary>
public static class VitalsJudge
{
    /// <summary>The record of a host with nothing wrong.</summary>
    public const string Ok = "ok";

    /// <summary>Judges <paramref name="vitals"/> for a host with <paramref name="cpuCount"/> CPUs: critical findings first, then warnings.</summary>
    public static IReadOnlyList<VitalsFinding> Judge(HostVitals vitals, int cpuCount, VitalsThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(vitals);
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        var limits = thresholds ?? new VitalsThresholds();
        var findings = new List<VitalsFinding>();

        foreach (var disk in vitals.Disks)
        {
            if (JudgeDisk(disk, limits) is { } finding)
                findings.Add(finding);
        }

        if (vitals.MemAvailableBytes is { } available && available < limits.MemWarnBytes)
        {
            var total = vitals.MemTotalBytes is { } bytes ? $" of {ByteSize.Format(bytes)}" : "";
            findings.Add(new VitalsFinding(
                VitalsFinding.Warning,
                "memory",
                $"memory: {ByteSize.Format(available)} available{total} (under {ByteSize.Format(limits.MemWarnBytes)})"));
        }

        // The 5-minute average, not the 1-minute one: every cron job and apt run spikes the latter on a Pi.
        var loadLimit = limits.LoadWarnPerCpu * cpuCount;
        if (vitals.Load5 is { } load && load > loadLimit)
        {
            findings.Add(new VitalsFinding(
                VitalsFinding.Warning,
                "load",
                string.Create(CultureInfo.InvariantCulture,
                    $"load: 5-minute average {load:0.##} on {cpuCount} CPU{(cpuCount == 1 ? "" : "s")} (above {loadLimit:0.##})")));
        }

        // OrderBy is stable: within a level the findings keep the order above.
        return [.. findings.OrderBy(f => f.Level == VitalsFinding.Critical ? 0 : 1)];
    }

    /// <summary>
    /// Whether <paramref name="findings"/> say the same as an earlier vitals record (<paramref name="previous"/>: the
    /// lines "LEVEL: TEXT" of <see cref="Record"/>, or <c>ok</c>): the same subjects at the same levels. The figures
    /// inside the texts do not count, so a disk that fills by a few MiB a minute is one alert, not one per MiB.
    /// </summary>
    public static bool SameFindings(string previous, IReadOnlyList<VitalsFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(findings);
        var lines = previous == Ok ? [] : previous.Split('\n');
        // Matched by prefix, "LEVEL: SUBJECT: " and then the figure every text starts with: a path in a disk subject
        // may itself hold ": " (disks "/mnt/a" and "/mnt/a: b" at one level must not both match the first).
        return lines.Length == findings.Count
            && findings.All(f => lines.Count(l => IsLineOf(l, $"{f.Level}: {f.Subject}: ")) == 1);
    }

    private static bool IsLineOf(string line, string prefix) =>
        line.Length > prefix.Length && line.StartsWith(prefix, StringComparison.Ordinal) && char.IsAsciiDigit(line[prefix.Length]);

    /// <summary>The text the watchdog records for <paramref name="findings"/>: one "LEVEL: TEXT" line each, or <c>ok</c>.</summary>
    public static string Record(IReadOnlyList<VitalsFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Count == 0 ? Ok : string.Join('\n', findings.Select(f => $"{f.Level}: {f.Text}"));
    }

    private static VitalsFinding? JudgeDisk(DiskSpace disk, VitalsThresholds limits)
    {
        var subject = $"disk {disk.Path}";
        var free = $"{subject}: {ByteSize.Format(disk.FreeBytes)} free of {ByteSize.Format(disk.TotalBytes)}";
        if (disk.FreeBytes < limits.DiskCriticalBytes)
            return new VitalsFinding(VitalsFinding.Critical, subject, $"{free} (under {ByteSize.Format(limits.DiskCriticalBytes)})");
        if (disk.FreeBytes < limits.DiskWarnBytes)
            return new VitalsFinding(VitalsFinding.Warning, subject, $"{free} (under {ByteSize.Format(limits.DiskWarnBytes)})");

        if (disk.TotalBytes <= 0 || disk.FreeBytes >= limits.DiskWarnFraction * disk.TotalBytes)
            return null;
        // Truncated to a tenth like ByteSize, so the text never shows the threshold itself as the free share.
        var tenthsOfPercent = (long)((Int128)disk.FreeBytes * 1000 / disk.TotalBytes);
        return new VitalsFinding(
            VitalsFinding.Warning,
            subject,
            string.Create(CultureInfo.InvariantCulture,
                $"{free} ({tenthsOfPercent / 10.0:0.#}% free, under {limits.DiskWarnFraction * 100:0.##}%)"));
    }
}
