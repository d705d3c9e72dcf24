namespace HecnetJobs.Pydecnet;

/// <summary>Reads PyDECnet's command line (<c>pydecnet.arguments</c>) the way its argparse parser does, for the config files it names.</summary>
public static class PydecnetArguments
{
    // The options of decnet/main.py that take a value; every other word that starts with '-' is a switch. "-m" is the
    // Python interpreter's, for "python3 -m decnet.main ...".
    private static readonly HashSet<string> WithValue = new(StringComparer.Ordinal)
    {
        "-m", "--chroot", "--uid", "--gid", "--pid-file", "-L", "--log-file", "-e", "--log-level", "--syslog", "--log-config", "-k", "--keep",
    };

    /// <summary>The config files: the words that are neither options nor option values, resolved against <paramref name="workingDirectory"/>.</summary>
    public static IReadOnlyList<string> ConfigFiles(IReadOnlyList<string> arguments, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var files = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            if (word == "--")
            {
                files.AddRange(arguments.Skip(i + 1));
                break;
            }
            if (word.Length < 2 || word[0] != '-')
                files.Add(word);
            else if (WithValue.Contains(word))
                i++;
            // "--log-file=x" and "-Lx" carry their value inside the word; a switch has none.
        }
        return files.Select(f => Path.GetFullPath(f, workingDirectory)).ToList();
    }
}
