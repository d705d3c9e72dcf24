using HecnetJobs.Pydecnet;

namespace HecnetJobs.Jobs;

/// <summary>
/// The link probe's debounce as a pure function of the remembered state, one check's verdict and the clock: a link is
/// declared down after <see cref="LinkProbeOptions.DownAfter"/> down checks in a row and up again after
/// <see cref="LinkProbeOptions.UpAfter"/> up checks in a row. An unknown check never changes the state, never counts
/// and never breaks a run of checks: it only starts the clock of the "cannot check" alert.
/// </summary>
public static class LinkPolicy
{
    public static LinkStep Apply(LinkState state, LinkVerdict verdict, string reason, DateTimeOffset now, LinkProbeOptions options)
    {
        var signals = new List<LinkSignal>();
        var next = state with { LastCheck = now, LastVerdict = LinkStates.Of(verdict), LastReason = reason };
        if (verdict == LinkVerdict.Unknown)
        {
            var since = state.UnknownSince ?? now;
            next = next with { UnknownSince = since };
            if (!state.UnknownAlerted && options.UnknownAlertAfter is { } limit && now - since >= limit)
            {
                signals.Add(new(LinkSignalKind.UnknownTooLong, state, now - since));
                next = next with { UnknownAlerted = true };
            }
            return new(next, signals);
        }

        if (state.UnknownSince is { } unknownSince)
        {
            if (state.UnknownAlerted)
                signals.Add(new(LinkSignalKind.KnownAgain, state, now - unknownSince));
            next = next with { UnknownSince = null, UnknownAlerted = false };
        }

        var down = verdict == LinkVerdict.Down;
        var count = (down ? state.DownCount : state.UpCount) + 1;
        var streakSince = count == 1 ? now : state.StreakSince ?? now;
        next = down
            ? next with { DownCount = count, UpCount = 0, StreakSince = streakSince }
            : next with { UpCount = count, DownCount = 0, StreakSince = streakSince };
        var word = down ? LinkStates.Down : LinkStates.Up;

        if (state.State != word && count >= (down ? options.DownAfter : options.UpAfter))
        {
            TimeSpan? lasted = state.Since is { } previous && state.State != LinkStates.Unknown ? streakSince - previous : null;
            var kind = down ? LinkSignalKind.Down : state.State == LinkStates.Down ? LinkSignalKind.Up : LinkSignalKind.FirstUp;
            signals.Add(new(kind, state, lasted));
            next = next with { State = word, Since = streakSince, LastChange = now, LastReminder = null };
        }
        else if (down && state.State == LinkStates.Down && options.RemindEvery is { } every
            && now - (state.LastReminder ?? state.LastChange ?? now) >= every)
        {
            signals.Add(new(LinkSignalKind.StillDown, state, now - (state.Since ?? now)));
            next = next with { LastReminder = now };
        }
        return new(next, signals);
    }
}
