using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HecnetJobs.Alerts;

namespace HecnetJobs.Web;

/// <summary>
/// The status page: one HTML document with inline CSS and a small inline script, no outside assets, readable on a phone.
/// The script opens the live feed (<c>events</c>) and swaps each section's HTML for the one pushed, so the page follows
/// the daemon without a reload; every section is rendered here, server-side, with every value from data HTML-encoded.
/// </summary>
public static partial class StatusPage
{
    /// <summary>The sections, in page order; each is an element whose content a live update replaces.</summary>
    public static readonly string[] SectionIds = ["overall", "pydecnet", "links", "jobs", "outbox", "names"];

    public static string Render(StatusPageData data, string nonce)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{H(Title(data))}</title>
            <style nonce="{nonce}">{Css}</style>
            </head>
            <body data-state="{H(data.Status.State)}">
            {TimelineSvg.Definitions}
            <header><h1>HECnet {H(data.NodeName)}</h1><p id="live" class="live">not live yet</p></header>

            """);
        foreach (var (id, content) in Sections(data))
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\">{content}</section>\n");
        html.Append(CultureInfo.InvariantCulture, $"""
            <footer>Read-only: to act, run <code>hecnetjobs trigger JOB</code> on the host.
            Also <a data-keep-query href="status.json">status.json</a> and <a data-keep-query href="metrics">metrics</a>.</footer>
            <script nonce="{nonce}">{Script}</script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>One live update: the overall state, the title and every section's HTML, as the page's script reads it.</summary>
    public static string Payload(StatusPageData data)
    {
        using var buffer = new MemoryStream();
        // Relaxed: the JSON goes into an event stream, never into HTML, so "<" need not become \u003C (a third of the size).
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("state", data.Status.State);
            json.WriteString("title", Title(data));
            json.WriteString("time", Clock(data.Now, data));
            json.WriteStartObject("sections");
            foreach (var (id, content) in Sections(data))
                json.WriteString(id, content);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IEnumerable<(string Id, string Html)> Sections(StatusPageData data) =>
    [
        ("overall", Overall(data)),
        ("pydecnet", Pydecnet(data)),
        ("links", Links(data)),
        ("jobs", Jobs(data)),
        ("outbox", Outbox(data)),
        ("names", Names(data)),
    ];

    private static string Title(StatusPageData data) => $"{data.NodeName}: {data.Status.State.ToUpperInvariant()} - HecnetJobs";

    private static string H(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A local time, short for a phone: <c>14:02:11</c> today, <c>2026-11-22 14:02</c> on another day.</summary>
    private static string Clock(DateTimeOffset time, StatusPageData data)
    {
        var local = TimeZoneInfo.ConvertTime(time, data.Zone);
        var today = TimeZoneInfo.ConvertTime(data.Now, data.Zone).Date;
        return local.ToString(local.Date == today ? "HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>A time with its age, e.g. <c>14:02:11 (5 min ago)</c>; a future time says "in".</summary>
    private static string When(DateTimeOffset? time, StatusPageData data)
    {
        if (time is not { } t)
            return "never";
        var age = data.Now - t;
        var relative = age >= TimeSpan.Zero ? $"{MessageComposer.Span(age)} ago" : $"in {MessageComposer.Span(-age)}";
        return $"{Clock(t, data)} ({relative})";
    }

    /// <summary>A coloured word: green for good states, amber for passing trouble, red for real trouble, grey for unknown.</summary>
    private static string Badge(string word, string? id = null)
    {
        var css = word switch
        {
            "ok" or "running" or "up" or "success" => "b-ok",
            "warning" or "not-answering" or "restarting" or "cancelled" or "paused" => "b-warn",
            "critical" or "down" or "hung" or "backing-off" or "failure" or "interrupted" or "failing" => "b-crit",
            _ => "b-unk",
        };
        var idAttribute = id is null ? "" : $" id=\"{id}\"";
        return $"<span{idAttribute} class=\"badge {css}\">{H(word)}</span>";
    }

    private const string Css = """
        :root{color-scheme:light dark;--ok:#2e7d3e;--warn:#9a6700;--crit:#c0262b;--muted:#6b6b6b;--line:#8884}
        *{box-sizing:border-box}
        body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:52rem;padding:.5rem .75rem 2rem}
        header{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.25rem 1rem}
        h1{font-size:1.35rem;margin:.4rem 0}
        h2{font-size:1.05rem;margin:.1rem 0 .5rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
        h3{font-size:1rem;margin:.75rem 0 .25rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
        section{border:1px solid var(--line);border-radius:.6rem;padding:.6rem .8rem;margin:.75rem 0}
        .badge{display:inline-block;padding:.05rem .55rem;border-radius:1rem;color:#fff;font-weight:600;font-size:.85rem;letter-spacing:.02em}
        .b-ok{background:var(--ok)}.b-warn{background:var(--warn)}.b-crit{background:var(--crit)}.b-unk{background:#777}
        body[data-state=critical] header h1{color:var(--crit)}
        dl{display:grid;grid-template-columns:minmax(6.5rem,max-content) 1fr;gap:.15rem .8rem;margin:0}
        dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
        ul{margin:.25rem 0;padding-left:1.2rem}li{margin:.2rem 0;overflow-wrap:anywhere}
        .problems li{color:var(--crit)}
        .muted,small{color:var(--muted)}
        .bar{margin:.35rem 0 .6rem}
        .bar p{margin:0;font-size:.85rem}
        svg.timeline{display:block;width:100%;height:1.3rem;border-radius:.25rem;background:#c8c8c8}
        svg.defs{position:absolute;width:0;height:0}
        .axis{display:flex;justify-content:space-between;font-size:.75rem;color:var(--muted)}
        .live{font-size:.8rem;color:var(--muted);margin:0}.live.on::before{content:"\25CF ";color:var(--ok)}.live.off{color:var(--crit)}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem;margin:.25rem 0 0;max-height:18rem;overflow-y:auto}
        footer{font-size:.85rem;color:var(--muted);margin-top:1rem}
        """;

    private const string Script = """
        (function () {
          var live = document.getElementById('live');
          var query = location.search;
          document.querySelectorAll('a[data-keep-query]').forEach(function (a) { a.href += query; });
          if (!window.EventSource) { live.textContent = 'reload for news'; return; }
          var feed = new EventSource('events' + query);
          feed.addEventListener('status', function (e) {
            var update = JSON.parse(e.data);
            document.title = update.title;
            document.body.setAttribute('data-state', update.state);
            Object.keys(update.sections).forEach(function (id) {
              var section = document.getElementById(id);
              if (section) section.innerHTML = update.sections[id];
            });
            live.textContent = 'live, updated ' + update.time;
            live.className = 'live on';
          });
          feed.onerror = function () { live.textContent = 'connection lost, reconnecting'; live.className = 'live off'; };
        })();
        """;
}
