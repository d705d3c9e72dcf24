using HecnetJobs.Config;
using HecnetJobs.Pydecnet;

namespace HecnetJobs.Names;

/// <summary>Finds the names file to write: <c>nameRefresh.namesFile</c>, else the one PyDECnet's config files include; and the router's own node.</summary>
public static class NamesTargetFinder
{
    /// <summary>The target, or a <see cref="HecnetJobsException"/> (exit code 78) with one line saying what to set.</summary>
    public static NamesTarget Find(HecnetJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = options.NameRefresh;
        var configFiles = PydecnetArguments.ConfigFiles(options.Pydecnet.Arguments, options.Pydecnet.WorkingDirectory);
        PydecnetConfig? config = null;
        HecnetJobsException? unreadable = null;
        if (configFiles.Count > 0)
        {
            try
            {
                config = new PydecnetConfigReader().Read(configFiles);
            }
            catch (HecnetJobsException e)
            {
                unreadable = e;
            }
        }
        var own = config is { OwnAddress: { } address, OwnName: { } name } ? new NodeEntry(DecnetAddress.Parse(address), name) : (NodeEntry?)null;

        if (names.NamesFile is { } file)
        {
            var included = config?.NamesIncludes.FirstOrDefault(i => i.Path == file);
            if ((names.Include ?? included?.Form) is { } form)
                return new NamesTarget(file, form, own, "nameRefresh.namesFile");
            var why = unreadable is not null ? $"PyDECnet's config could not be read ({unreadable.Message})"
                : config is null ? "'pydecnet.arguments' names no PyDECnet config file"
                : $"{string.Join(", ", config.ConfigFiles)} include it with neither 'node @file' nor '@file'";
            throw Fail($"'nameRefresh.include': missing and cannot be told: {why}; set \"node @file\" or \"@file\", as PyDECnet's config includes '{file}'");
        }

        if (unreadable is not null)
            throw new HecnetJobsException($"{unreadable.Message} (read to find the names file; or set nameRefresh.namesFile)", ExitCodes.Config, unreadable);
        if (config is null)
            throw Fail("'nameRefresh.namesFile': missing, and 'pydecnet.arguments' names no PyDECnet config file to find it in; set nameRefresh.namesFile (e.g. \"/etc/pydecnet/nodenames.dat\")");
        switch (config.NamesIncludes.Count)
        {
            case 0:
                throw Fail($"'nameRefresh.namesFile': missing, and {string.Join(", ", config.ConfigFiles)} include no names file; add 'node @nodenames.dat' to PyDECnet's config, or set nameRefresh.namesFile");
            case > 1:
                throw Fail($"'nameRefresh.namesFile': missing, and PyDECnet's config includes {config.NamesIncludes.Count} names files ({string.Join(", ", config.NamesIncludes.Select(i => i.Path))}); set nameRefresh.namesFile to the one to write");
        }
        var include = config.NamesIncludes[0];
        return new NamesTarget(include.Path, names.Include ?? include.Form, own, $"{include.IncludedFrom}:{include.Line}");

        HecnetJobsException Fail(string what) => new($"{options.ConfigFile}: {what}", ExitCodes.Config);
    }
}
