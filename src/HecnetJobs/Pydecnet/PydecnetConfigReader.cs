using System.Buffers;
using HecnetJobs.Config;

namespace HecnetJobs.Pydecnet;

/// <summary>Reads the owner's PyDECnet config files, without changing them, for the API socket, HTTP ports, names includes, own node and first circuit.</summary>
/// <remarks>
/// The syntax follows PyDECnet's <c>decnet/config.py</c>: each line is stripped; blank lines and lines starting with
/// <c>#</c> are skipped (a later <c>#</c> is not a comment); <c>@path</c> includes a file as it is and
/// <c>word @path</c> includes it with <c>word </c> in front of each line (<c>node @names.dat</c>); include paths are
/// relative to the including file and nest; every other line is split like a shell line and its first word picks the
/// component. Components HecnetJobs does not need (<c>nsp</c>, <c>logging</c>, <c>object</c>, ...) are skipped, and lines
/// PyDECnet would refuse are not reported unless a value HecnetJobs needs cannot be read: PyDECnet reports those itself.
/// </remarks>
public sealed partial class PydecnetConfigReader
{
    /// <summary>The environment variable that gives PyDECnet (and <c>ncp</c>) the API socket path when the <c>api</c> line names none.</summary>
    public const string ApiSocketVariable = "DECNETAPI";

    /// <summary>The API socket path when the <c>api</c> line names none and <see cref="ApiSocketVariable"/> is not set.</summary>
    public const string DefaultApiSocket = "/tmp/decnetapi.sock";

    /// <summary>The HTTP port of an <c>http</c> line without <c>--http-port</c>.</summary>
    public const int DefaultHttpPort = 8000;

    /// <summary>The HTTPS port of an <c>http</c> line without <c>--https-port</c>.</summary>
    public const int DefaultHttpsPort = 8443;

    // Python would recurse until its stack runs out; a loop through a symbolic link is not caught by the path check.
    private const int MaxIncludeDepth = 64;

    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n\f\v");

    private readonly string _apiSocketDefault;

    /// <summary>Creates a reader that takes the default API socket path from this process's <c>DECNETAPI</c> variable.</summary>
    public PydecnetConfigReader()
        : this(Environment.GetEnvironmentVariable(ApiSocketVariable))
    {
    }

    /// <param name="decnetApi">The value of <c>DECNETAPI</c> in PyDECnet's environment; null or empty when it is not set.</param>
    internal PydecnetConfigReader(string? decnetApi) =>
        _apiSocketDefault = string.IsNullOrEmpty(decnetApi) ? DefaultApiSocket : decnetApi;

    /// <summary>Reads the given top-level config files and their includes; throws a <see cref="HecnetJobsException"/> (exit code 78) naming <c>file:line</c> when one cannot be read.</summary>
    public PydecnetConfig Read(params IReadOnlyList<string> configFiles)
    {
        ArgumentNullException.ThrowIfNull(configFiles);
        if (configFiles.Count == 0)
            throw new ArgumentException("Name at least one PyDECnet config file.", nameof(configFiles));

        var paths = new List<string>();
        var scans = new List<Scan>();
        var includes = new List<PydecnetNamesInclude>();
        foreach (var file in configFiles)
        {
            var path = Path.GetFullPath(file);
            var scan = new Scan(_apiSocketDefault);
            ReadFile(scan, path, ReadLines(path, from: null), prefix: null, [path], includes);
            paths.Add(path);
            scans.Add(scan);
        }

        // Each top-level file is one PyDECnet "system": node lines only name nodes for the routing line of their own file.
        var node = scans.Find(s => s.Routing is not null);
        var http = scans.Find(s => s.Http is not null)?.Http;
        return new PydecnetConfig
        {
            ConfigFiles = paths,
            ApiSocketPath = scans.Find(s => s.ApiSocket is not null)?.ApiSocket,
            HttpPort = http?.HttpPort,
            HttpsPort = http?.HttpsPort,
            HttpAddress = http?.Address,
            OwnAddress = node?.Routing?.ToString(),
            OwnName = node?.OwnName(),
            NamesIncludes = includes,
            FirstCircuit = (node ?? scans.Find(s => s.FirstCircuit is not null))?.FirstCircuit,
        };
    }

    /// <summary>Reads the lines of one file into <paramref name="scan"/>; returns whether every line was a <c>node</c> line.</summary>
    private static bool ReadFile(Scan scan, string path, string[] lines, string? prefix, List<string> chain, List<PydecnetNamesInclude> includes)
    {
        var onlyNodeLines = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text[0] == '#')
                continue;
            if (prefix is not null)
                text = $"{prefix} {text}";
            var at = new Line(path, i + 1, text);
            if (IncludeOf(text) is { } include)
            {
                onlyNodeLines = false;
                Include(scan, at, include.Prefix, include.Name, chain, includes);
                continue;
            }
            var words = Words.Split(at);
            if (words.Count == 0)
                continue;
            onlyNodeLines &= words[0] == "node";
            scan.Add(at, words);
        }
        return onlyNodeLines;
    }

    /// <summary>The include a line asks for, tested the way PyDECnet does: on the raw text, before any shell splitting, so the name is taken as written.</summary>
    private static (string? Prefix, string Name)? IncludeOf(string text)
    {
        var space = text.AsSpan().IndexOfAny(Whitespace);
        if (space < 0)
            return text.Length > 1 && text[0] == '@' ? (null, text[1..]) : null;
        var rest = text[space..].TrimStart();
        return rest.Length > 1 && rest[0] == '@' ? (text[..space], rest[1..]) : null;
    }

    private static void Include(Scan scan, Line at, string? prefix, string name, List<string> chain, List<PydecnetNamesInclude> includes)
    {
        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(at.File)!, name));
        if (chain.Contains(target))
            throw Fail(at, $"'{at.Text}': '{target}' is already being read (include loop: {string.Join(" -> ", chain.Append(target))})");
        if (chain.Count >= MaxIncludeDepth)
            throw Fail(at, $"'{at.Text}': includes nest more than {MaxIncludeDepth} files deep (a loop through a link?)");

        var lines = ReadLines(target, at);
        var index = includes.Count;
        chain.Add(target);
        var onlyNodeLines = ReadFile(scan, target, lines, prefix, chain, includes);
        chain.RemoveAt(chain.Count - 1);

        if (prefix == "node")
            includes.Insert(index, new PydecnetNamesInclude(target, NamesInclude.NodeAt, at.File, at.Number));
        else if (prefix is null && onlyNodeLines)
            includes.Insert(index, new PydecnetNamesInclude(target, NamesInclude.Plain, at.File, at.Number));
    }

    private static string[] ReadLines(string path, Line? from)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw from is null
                ? new HecnetJobsException($"{path}: no such file (a PyDECnet config file)", ExitCodes.Config, e)
                : Fail(from, $"'{from.Text}': '{path}' does not exist (an include path is relative to the folder of the file that names it)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var what = Directory.Exists(path) ? "is a folder, expected a file" : $"cannot be read ({ConfigLoader.Reason(e)})";
            throw from is null
                ? new HecnetJobsException($"{path}: {what}", ExitCodes.Config, e)
                : Fail(from, $"'{from.Text}': '{path}' {what}", e);
        }
    }

    private static HecnetJobsException Fail(Line at, string what, Exception? inner = null) =>
        new($"{at.File}:{at.Number}: {what}", ExitCodes.Config, inner);

    /// <summary>One config line after stripping and prefixing, with where it came from.</summary>
    private sealed record Line(string File, int Number, string Text);
}
