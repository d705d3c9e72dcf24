namespace HecnetJobs.Setup;

/// <summary>A PyDECnet found on disk: how to start it, and its <c>ncp</c> when one was found beside it.</summary>
/// <param name="Command">The program for <c>pydecnet.command</c>: the <c>pydecnet</c> script, or a Python interpreter for a source checkout.</param>
/// <param name="LeadingArguments">What goes before PyDECnet's own arguments: <c>-m decnet.main</c> for a source checkout, else nothing.</param>
/// <param name="WorkingDirectory">The folder PyDECnet must run in (a checkout's, so that <c>-m decnet.main</c> finds the package); null for any.</param>
/// <param name="Ncp">The <c>ncp</c> that belongs to it, or null when none was found beside it.</param>
/// <param name="Where">How it was found, for the user: <c>on PATH</c>, <c>virtual environment</c>, <c>source checkout</c>.</param>
public sealed record PydecnetInstall(string Command, IReadOnlyList<string> LeadingArguments, string? WorkingDirectory, string? Ncp, string Where)
{
    /// <summary>The words of <see cref="LeadingArguments"/> for a source checkout run as a module.</summary>
    public static readonly IReadOnlyList<string> ModuleArguments = ["-m", "decnet.main"];

    /// <summary>True for a source checkout run as <c>python3 -m decnet.main</c>.</summary>
    public bool IsCheckout => LeadingArguments.Count > 0;

    /// <summary>The command as a user would type it, for messages.</summary>
    public string Display => IsCheckout ? $"{Command} {string.Join(' ', LeadingArguments)} (in {WorkingDirectory})" : Command;
}
