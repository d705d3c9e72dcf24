using HecnetJobs.Cli;
using HecnetJobs.Config;
using HecnetJobs.Store;

namespace HecnetJobs.Setup;

/// <summary>
/// One run of <c>hecnetjobs setup</c>: refuses to overwrite a config without <c>--force</c>, shows what it found, asks,
/// writes jobs.xml (when missing), the config and the secrets file, and checks the result as <c>hecnetjobs check</c>
/// does before the config takes its place: a config that check refuses is never left behind.
/// </summary>
public sealed class SetupRun(SetupContext context, IAnswerSource source, TextWriter output)
{
    /// <summary>Runs it; returns the exit code, or throws a <see cref="HecnetJobsException"/> with the one that fits.</summary>
    public int Run(bool force, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.ConfigFile;
        CheckTarget(target, force);
        output.WriteLine(interactive
            ? $"hecnetjobs setup: a few questions, then {target}. Enter takes the answer in [brackets]; Ctrl-D stops, writing nothing."
            : $"hecnetjobs setup: writing {target} from the flags and what was found.");
        output.WriteLine();
        foreach (var line in context.Found.Describe())
            output.WriteLine(line);
        output.WriteLine();

        var flow = new SetupFlow(context, source);
        var answers = flow.Ask();
        output.WriteLine();
        foreach (var note in flow.Notes)
            output.WriteLine($"note: {note}");
        Write(answers);
        return ExitCodes.Success;
    }

    private static void CheckTarget(string target, bool force)
    {
        if (Directory.Exists(target))
            throw new HecnetJobsException($"{target}: is a folder; --config names the config file to write", ExitCodes.Usage);
        if (File.Exists(target) && !force)
            throw new HecnetJobsException(
                $"{target}: exists, and setup does not overwrite it: --force replaces it (the old one is kept as {Path.GetFileName(target)}.bak), or --config PATH writes another file",
                ExitCodes.CannotCreate);
        var folder = Path.GetDirectoryName(target)!;
        if (DataDirectory.Check(folder, create: false) is { } problem)
            throw new HecnetJobsException($"{target}: cannot be written: '{folder}' {problem}; nothing was written", ExitCodes.CannotCreate);
    }

    private void Write(SetupAnswers answers)
    {
        var target = context.ConfigFile;
        var folder = Path.GetDirectoryName(target)!;
        var madeFolder = !Directory.Exists(folder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HecnetJobsException($"{folder}: cannot be created: {Pydecnet.FileErrors.Reason(e)}; nothing was written", ExitCodes.CannotCreate, e);
        }
        var jobsFile = Path.Combine(folder, "jobs.xml");
        var madeJobsFile = !File.Exists(jobsFile);
        if (madeJobsFile)
            SetupFiles.Write(jobsFile, SetupFiles.ShippedJobsXml(), SetupFiles.PublicMode);

        // PyDECnet's working folder is the data folder unless set, and check wants it to exist: make it now, as install.sh does.
        var madeDataDir = !Directory.Exists(answers.DataDir);
        if (madeDataDir)
            MakeDataDir(answers.DataDir);

        var ownerNotes = new List<string>();
        var temp = SetupFiles.WriteTemporary(target, ConfigWriter.Write(answers, target), SetupFiles.ConfigMode, notes: ownerNotes);
        // The check must see the password as the service will (from the secrets file), or it would ask for one.
        if (answers.SmtpPassword is { } password)
            Environment.SetEnvironmentVariable(ConfigLoader.SmtpPasswordVariable, password);
        var problems = Problems(temp);
        if (problems.Count > 0)
        {
            SetupFiles.Delete(temp);
            if (madeJobsFile)
                SetupFiles.Delete(jobsFile);
            if (madeDataDir)
                SetupFiles.DeleteFolder(answers.DataDir);
            if (madeFolder)
                SetupFiles.DeleteFolder(folder);
            throw new HecnetJobsException(
                "setup: check refuses the result, so nothing was written:\n"
                + string.Join('\n', problems.Select(p => p.Replace(temp, target, StringComparison.Ordinal))),
                ExitCodes.Config);
        }
        var backup = SetupFiles.Replace(temp, target, keepBackup: true);
        output.WriteLine(backup is null ? $"Wrote {target}." : $"Wrote {target}; the old one is {backup}.");
        foreach (var note in ownerNotes)
            output.WriteLine($"note: {note}");
        if (madeJobsFile)
            output.WriteLine($"Wrote {jobsFile}: the shipped schedules.");
        if (madeDataDir)
            output.WriteLine($"Made the data folder {answers.DataDir}.{(context.Places.IsRoot && answers.DataDir != context.DefaultDataDir ? " The service's account must own it: chown hecnetjobs: " + answers.DataDir : "")}");
        if (answers.SmtpPassword is { } secret)
            WriteSecret(folder, secret);

        output.WriteLine("Checked as 'hecnetjobs check' does:");
        var options = ConfigLoader.Load(target);
        var (_, schedule) = CheckCommand.Validate(options);
        CheckCommand.Report(output, options, schedule!);
        output.WriteLine($"Next: start it (systemctl restart hecnetjobs, or hecnetjobs run --config {target}), then see 'hecnetjobs status --config {target}' and 'hecnetjobs alert test --config {target}'.");
    }

    private static void MakeDataDir(string folder)
    {
        try
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(folder);
            else
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HecnetJobsException($"{folder}: cannot be created: {Pydecnet.FileErrors.Reason(e)}; nothing was written", ExitCodes.CannotCreate, e);
        }
    }

    private void WriteSecret(string folder, string password)
    {
        var path = Path.Combine(folder, SecretsFile.FileName);
        string? existing;
        try
        {
            existing = File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HecnetJobsException($"{path}: cannot be read: {Pydecnet.FileErrors.Reason(e)}; the config is written, the password is not", ExitCodes.CannotCreate, e);
        }
        SetupFiles.Write(path, SecretsFile.Merge(existing, ConfigLoader.SmtpPasswordVariable, password), SetupFiles.SecretMode, keepMode: false);
        output.WriteLine($"Wrote {path} (mode 600): the SMTP password as ${ConfigLoader.SmtpPasswordVariable}, which the service reads (EnvironmentFile=); never in the config.");
        if (path != "/etc/hecnetjobs/" + SecretsFile.FileName)
            output.WriteLine($"  The service unit reads /etc/hecnetjobs/{SecretsFile.FileName}; for this config give it EnvironmentFile={path} in a drop-in.");
        output.WriteLine($"  A shell needs it too for check and alert test: set -a; . {path}; set +a");
    }

    /// <summary>Every problem <c>check</c> would report for the file at <paramref name="path"/>.</summary>
    private static List<string> Problems(string path)
    {
        try
        {
            return CheckCommand.Validate(ConfigLoader.Load(path)).Problems.ToList();
        }
        catch (HecnetJobsException e)
        {
            return e.Message.Split('\n').ToList();
        }
    }
}
