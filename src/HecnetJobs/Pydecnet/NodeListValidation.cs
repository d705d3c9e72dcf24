namespace HecnetJobs.Pydecnet;

/// <summary>The verdict of <see cref="NodeListValidator"/>: the clean entries when accepted, one-line reasons when refused.</summary>
public sealed class NodeListValidation
{
    internal NodeListValidation(
        IReadOnlyList<NodeEntry> entries,
        IReadOnlyList<string> reasons,
        IReadOnlyList<string> warnings,
        bool breaksPydecnetRules)
    {
        Entries = reasons.Count == 0 ? entries : [];
        Reasons = reasons;
        Warnings = warnings;
        BreaksPydecnetRules = breaksPydecnetRules;
    }

    /// <summary>Whether the list may replace the names file.</summary>
    public bool Accepted => Reasons.Count == 0;

    /// <summary>The accepted entries, de-duplicated and sorted by address; empty when refused.</summary>
    public IReadOnlyList<NodeEntry> Entries { get; }

    /// <summary>Why the list was refused, one line each (<c>line 12: '1.20 TOOLONG': name 'TOOLONG' is longer than 6 characters</c>); empty when accepted.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>What was tolerated: identical duplicates, and listing lines that were skipped.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether a rule PyDECnet applies to names-file lines is broken, so PyDECnet itself would refuse to start with these lines.</summary>
    /// <remarks>HecnetJobs' own refusals (empty, garbled, pinned, shrink) do not set this; skipped listing lines do not either, as they are never written.</remarks>
    public bool BreaksPydecnetRules { get; }
}
