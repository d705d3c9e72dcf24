using System.Globalization;

namespace HecnetJobs.Status;

/// <summary>Formats byte counts in binary units for one-line messages: "512 KiB", "83 MiB", "29.1 GiB".</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Formats <paramref name="bytes"/> in the largest unit it fills, whole below GiB and to a tenth from GiB up.</summary>
    /// <remarks>
    /// Values are truncated, never rounded up, so a size just under a threshold never prints as the threshold itself
    /// ("99 MiB free (under 100 MiB)", not "100 MiB free (under 100 MiB)").
    /// </remarks>
    public static string Format(long bytes)
    {
        // Int128 so that long.MinValue has a magnitude and tenths of an exbibyte do not overflow.
        var magnitude = Int128.Abs(bytes);
        var sign = bytes < 0 ? "-" : "";
        var unit = 0;
        Int128 scale = 1;
        while (unit < Units.Length - 1 && magnitude >= scale * 1024)
        {
            scale *= 1024;
            unit++;
        }
        if (unit < 3)
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / scale} {Units[unit]}");

        var tenths = magnitude * 10 / scale;
        return tenths % 10 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{tenths / 10} {Units[unit]}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{tenths / 10}.{tenths % 10} {Units[unit]}");
    }
}
