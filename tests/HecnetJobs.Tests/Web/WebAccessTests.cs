using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HecnetJobs.Alerts;
using HecnetJobs.Jobs;
using HecnetJobs.Web;

namespace HecnetJobs.Tests.Web;

/// <summary>A token or a password in front of the page: refusals say nothing, the right one opens every path, and no secret reaches the log.</summary>
public sealed class WebAccessTests
{
    private const string Token = "s3cret-token-0123456789";
    private const string WrongToken = "wrong-token-9876543210";

    [Theory(Timeout = 60_000)]
    [InlineData("/")]
    [InlineData("/status.json")]
    [InlineData("/metrics")]
    [InlineData("/events")]
    [InlineData("/no-such-page")]
    public async Task Without_the_token_every_path_is_the_same_bare_401(string path)
    {
        await using var rig = await StartAsync(new WebOptions { Token = new Secret(Token) });

        using var none = await rig.Client.GetAsync(rig.Url(path));
        using var wrong = await Get(rig, path, new AuthenticationHeaderValue("Bearer", WrongToken));
        using var wrongQuery = await rig.Client.GetAsync(rig.Url($"{path}?token={WrongToken}"));

        foreach (var response in new[] { none, wrong, wrongQuery })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("401 Unauthorized\n", await response.Content.ReadAsStringAsync());
            Assert.Equal("Bearer realm=\"HecnetJobs\"", response.Headers.WwwAuthenticate.Single().ToString());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task The_token_opens_the_page_in_the_header_or_the_query_and_the_live_feed_with_the_query()
    {
        await using var rig = await StartAsync(new WebOptions { Token = new Secret(Token) });

        using var header = await Get(rig, "/status.json", new AuthenticationHeaderValue("Bearer", Token));
        using var query = await rig.Client.GetAsync(rig.Url($"/?token={Token}"));
        using var events = await EventStream.OpenAsync(rig.Client, rig.Url($"/events?token={Token}"));
        var first = await events.NextEventAsync();

        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Contains("running", EventStream.Html(first), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Basic_authentication_asks_the_browser_for_a_password_and_opens_with_the_right_one()
    {
        await using var rig = await StartAsync(new WebOptions { User = "owner", Password = new Secret("hunter2-long-enough") });

        using var none = await rig.Client.GetAsync(rig.Url("/"));
        using var wrong = await Get(rig, "/", Basic("owner:hunter3-long-enough"));
        using var right = await Get(rig, "/", Basic("owner:hunter2-long-enough"));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Basic realm=\"HecnetJobs\", charset=\"UTF-8\"", none.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("401 Unauthorized\n", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Neither_a_right_nor_a_wrong_token_nor_a_password_reaches_the_log()
    {
        await using var rig = await StartAsync(new WebOptions { Token = new Secret(Token), User = "owner", Password = new Secret("hunter2-long-enough") });

        (await rig.Client.GetAsync(rig.Url($"/?token={Token}"))).Dispose();
        (await rig.Client.GetAsync(rig.Url($"/metrics?token={WrongToken}"))).Dispose();
        (await Get(rig, "/", new AuthenticationHeaderValue("Bearer", WrongToken))).Dispose();
        (await Get(rig, "/", Basic("owner:hunter2-long-enough"))).Dispose();
        (await Get(rig, "/", Basic("owner:hunter3-long-enough"))).Dispose();

        Assert.Contains("Debug: Status page: GET /metrics from 127.0.0.1 refused: no valid token or password", rig.Logs.Text, StringComparison.Ordinal);
        foreach (var secret in new[] { Token, WrongToken, "hunter2", "hunter3", "b3duZXI6aHVudGVy" })
            Assert.DoesNotContain(secret, rig.Logs.Text, StringComparison.Ordinal);
    }

    private static Task<WebRig> StartAsync(WebOptions auth) =>
        WebRig.StartAsync(new WebOptions { Enabled = true, Listen = new IPEndPoint(IPAddress.Loopback, 0), Token = auth.Token, User = auth.User, Password = auth.Password },
            prepare: r => r.Pydecnet(PydecnetStates.Running, 4242));

    private static async Task<HttpResponseMessage> Get(WebRig rig, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, rig.Url(path));
        request.Headers.Authorization = authorization;
        return await rig.Client.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string credentials) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
}
