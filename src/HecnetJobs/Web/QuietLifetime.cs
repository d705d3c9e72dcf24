using Microsoft.Extensions.Hosting;

namespace HecnetJobs.Web;

/// <summary>
/// The web host's lifetime: none of its own. The default one catches SIGINT and SIGTERM, which are the daemon's to
/// handle (it stops the page with everything else).
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
