using HecnetJobs.Jobs;
using HecnetJobs.Pydecnet;
using HecnetJobs.Store;

namespace HecnetJobs.Setup;

/// <summary>How each answer of <c>setup</c> is read and checked; every refusal is one line that says what was expected.</summary>
/// <remarks>Paths may start with <c>~/</c> (the user's home) and are made absolute from the current folder.</remarks>
public sealed partial class AnswerRules(ToolFinder tools, string? home)
{
    /// <summary>The word that leaves an optional setting out (no log file, no login, no dead man's switch).</summary>
    public const string None = "none";

    private static readonly char[] ListSeparators = [' ', '\t', ','];

    /// <summary>A DECnet node name, upper case: 1 to 6 letters and digits with at least one letter.</summary>
    public static Parsed<string> NodeName(string text)
    {
        var name = text.ToUpperInvariant();
        return name.Length is >= 1 and <= NamesRules.MaxNameLength && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) && name.Any(char.IsAsciiLetterUpper)
            ? Parsed.Ok<string>(name)
            : Parsed.Bad<string>($"'{text}' is not a DECnet node name (1 to 6 letters and digits, at least one letter, e.g. SAMPLE)");
    }

    /// <summary>PyDECnet's config files, separated by spaces: each must exist and read as PyDECnet reads it, and one must have an <c>api</c> line.</summary>
    public Parsed<PydecnetConfig> PydecnetConfigFiles(string text)
    {
        var files = text.Split(ListSeparators[..2], StringSplitOptions.RemoveEmptyEntries).Select(FullPath).ToList();
        foreach (var file in files)
        {
            if (Directory.Exists(file))
                return Parsed.Bad<PydecnetConfig>($"'{file}' is a folder; name the config file(s) in it that PyDECnet is started with");
            if (!File.Exists(file))
                return Parsed.Bad<PydecnetConfig>($"'{file}' does not exist (PyDECnet's config file, as named on its command line)");
        }
        PydecnetConfig config;
        try
        {
            config = new PydecnetConfigReader().Read(files);
        }
        catch (HecnetJobsException e)
        {
            return Parsed.Bad<PydecnetConfig>(e.Message);
        }
        if (config.ApiSocketPath is null)
            return Parsed.Bad<PydecnetConfig>($"{string.Join(", ", files)}: no 'api' line, so PyDECnet opens no API socket, which the watchdog and ncp need; add 'api /run/pydecnet/api.sock' and answer again");
        return Parsed.Ok<PydecnetConfig>(config);
    }

    /// <summary>The program that starts PyDECnet: its <c>pydecnet</c> script (a path, or a name on PATH), or the folder of a source checkout.</summary>
    public Parsed<PydecnetInstall> Program(string text)
    {
        var path = FullPathOrName(text);
        if (Directory.Exists(path))
        {
            return tools.Checkout(path) is { } checkout
                ? Parsed.Ok<PydecnetInstall>(checkout)
                : Parsed.Bad<PydecnetInstall>($"'{path}' is a folder without decnet/main.py; give the pydecnet program, or the folder of a PyDECnet source checkout (the one holding decnet/)");
        }
        if (Executable(path, "the pydecnet program") is { } problem)
            return Parsed.Bad<PydecnetInstall>(problem);
        var program = path.Contains('/') ? path : tools.OnPath(path)!;
        if (Path.GetFileName(program).StartsWith("python", StringComparison.Ordinal))
            return Parsed.Bad<PydecnetInstall>($"'{program}' is Python itself; for a source checkout give its folder (the one holding decnet/main.py), setup then runs it as python3 -m decnet.main");
        return Parsed.Ok<PydecnetInstall>(new PydecnetInstall(program, [], null, null, "given"));
    }

    /// <summary>PyDECnet's log file for <c>-L</c>, or <c>none</c> (its output then goes to <c>pydecnet.consoleLog</c>); its folder must exist.</summary>
    public Parsed<string?> LogFile(string text)
    {
        if (text == None)
            return Parsed.Ok<string?>(null);
        var path = FullPath(text);
        if (Directory.Exists(path))
            return Parsed.Bad<string?>($"'{path}' is a folder; give a file in it (e.g. {Path.Combine(path, "pydecnet.log")}), or none");
        var folder = Path.GetDirectoryName(path)!;
        return Directory.Exists(folder)
            ? Parsed.Ok<string?>(path)
            : Parsed.Bad<string?>($"'{folder}' does not exist, and PyDECnet would not start without its log folder; create it, or answer none");
    }

    /// <summary>PyDECnet's <c>ncp</c> program: a path, or a name on PATH, made absolute.</summary>
    public Parsed<string> Ncp(string text)
    {
        var path = FullPathOrName(text);
        if (Executable(path, "PyDECnet's ncp program") is { } problem)
            return Parsed.Bad<string>(problem);
        return Parsed.Ok<string>(path.Contains('/') ? path : tools.OnPath(path)!);
    }

    /// <summary>The link-probe targets, separated by spaces or commas: node names, <c>area.node</c> addresses or <c>circuit:NAME</c>.</summary>
    public static Parsed<IReadOnlyList<string>> Targets(string text)
    {
        var targets = new List<string>();
        foreach (var word in text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (LinkTargets.Normalize(word) is not { } target)
                return Parsed.Bad<IReadOnlyList<string>>($"'{word}' is not {LinkTargets.Expected}");
            if (!targets.Contains(target))
                targets.Add(target);
        }
        return targets.Count > 0 ? Parsed.Ok<IReadOnlyList<string>>(targets) : Parsed.Bad<IReadOnlyList<string>>("name at least one node to watch (e.g. MIM)");
    }

    /// <summary>An absolute http or https URL for the dead man's switch, or <c>none</c>. The value is not echoed: such URLs carry a token.</summary>
    public static Parsed<string?> PingUrl(string text)
    {
        if (text == None)
            return Parsed.Ok<string?>(null);
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0
            ? Parsed.Ok<string?>(url.OriginalString)
            : Parsed.Bad<string?>("that is not an absolute http or https URL (e.g. https://hc-ping.com/your-check-uuid), or none");
    }

    /// <summary>The data folder: it must exist and be writable, or be creatable by HecnetJobs at its first start.</summary>
    public Parsed<string> DataDir(string text)
    {
        var path = FullPath(text);
        return DataDirectory.Check(path, create: false) is { } problem
            ? Parsed.Bad<string>($"'{path}' {problem}")
            : Parsed.Ok<string>(path);
    }

    /// <summary>One of the names files PyDECnet's config includes, for name-refresh to rewrite.</summary>
    public Parsed<string> NamesFile(string text, IReadOnlyList<string> included)
    {
        var path = FullPath(text);
        return included.Contains(path)
            ? Parsed.Ok<string>(path)
            : Parsed.Bad<string>($"'{path}' is not one of the names files PyDECnet's config includes ({string.Join(", ", included)})");
    }

    /// <summary>A path with <c>~/</c> expanded, made absolute from the current folder.</summary>
    public string FullPath(string text) =>
        Path.GetFullPath(home is not null && (text == "~" || text.StartsWith("~/", StringComparison.Ordinal)) ? home + text[1..] : text);

    private string FullPathOrName(string text) => text.Contains('/') || text.StartsWith('~') ? FullPath(text) : text;

    /// <summary>Why <paramref name="path"/> (a path, or a bare name looked up on PATH) cannot be run, or null.</summary>
    private string? Executable(string path, string what)
    {
        if (!path.Contains('/'))
            return tools.OnPath(path) is null ? $"'{path}' is not on PATH; give the full path of {what}" : null;
        if (Directory.Exists(path))
            return $"'{path}' is a folder; give {what} in it";
        if (!File.Exists(path))
            return $"'{path}' does not exist ({what})";
        return ToolFinder.IsExecutable(path) ? null : $"'{path}' is not executable (chmod +x it)";
    }
}
