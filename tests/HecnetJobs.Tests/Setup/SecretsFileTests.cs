using System.Diagnostics;
using HecnetJobs.Setup;
using HecnetJobs.Tests.Support;

namespace HecnetJobs.Tests.Setup;

/// <summary>The secrets file: one line per variable, the others kept, and values that a shell reads back unchanged.</summary>
public sealed class SecretsFileTests
{
    private const string Variable = "HECNETJOBS_SMTP_PASSWORD";

    [Fact]
    public void A_new_file_has_a_comment_and_the_line()
    {
        Assert.Equal(
            "# Secrets for HecnetJobs, read by its systemd unit (EnvironmentFile=). Root only: mode 600.\nHECNETJOBS_SMTP_PASSWORD='abcdefghijklmnop'\n",
            SecretsFile.Merge(null, Variable, "abcdefghijklmnop"));
    }

    [Fact]
    public void The_old_password_line_is_replaced_and_every_other_line_kept()
    {
        const string existing = "# mine\nHECNETJOBS_WEBHOOK_SECRET='hook'\nHECNETJOBS_SMTP_PASSWORD='old'\nexport HECNETJOBS_SMTP_PASSWORD=older\n";

        Assert.Equal("# mine\nHECNETJOBS_WEBHOOK_SECRET='hook'\nHECNETJOBS_SMTP_PASSWORD='new'\n", SecretsFile.Merge(existing, Variable, "new"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("abcd efgh ijkl mnop")]
    [InlineData("it's")]
    [InlineData("it's \"quoted\"")]
    [InlineData("$HOME and `id` and \\n")]
    [InlineData("'$(id)'")]
    [InlineData("#not-a-comment")]
    public async Task A_shell_reads_the_value_back_unchanged(string password)
    {
        using var dir = new TempDir();
        var file = dir.Write("secrets.env", SecretsFile.Merge(null, Variable, password));

        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"set -a; . '{file}'; printf %s \"${Variable}\"");
        using var shell = Process.Start(info)!;
        var read = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();

        Assert.Equal(password, read);
    }
}
