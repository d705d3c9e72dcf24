namespace HecnetJobs.Web;

/// <summary>The <c>metrics</c> section: the Prometheus metrics as a file for node_exporter's textfile collector.</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// A <c>.prom</c> file in node_exporter's <c>--collector.textfile.directory</c>, rewritten atomically after every
    /// status update; null (the default) writes none. Independent of <c>web.enabled</c>.
    /// </summary>
    public string? Textfile { get; init; }
}
