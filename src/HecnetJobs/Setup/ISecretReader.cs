namespace HecnetJobs.Setup;

/// <summary>Reads one line without showing it, for a password typed at a terminal.</summary>
public interface ISecretReader
{
    /// <summary>The line typed, without its end; null when the input ended (Ctrl-D on an empty line).</summary>
    string? ReadSecret();
}
