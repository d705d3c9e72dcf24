using System.Text;
using HecnetJobs.Alerts;
using HecnetJobs.Web;

namespace HecnetJobs.Tests.Web;

/// <summary>Who may read the page: the token (header or query), basic auth, and everything that must fail.</summary>
public sealed class WebAuthTests
{
    private const string Token = "0123456789abcdef0123";

    private static readonly WebAuth TokenOnly = new(new WebOptions { Token = new Secret(Token) });
    private static readonly WebAuth UserOnly = new(new WebOptions { User = "owner", Password = new Secret("hunter2 with spaces") });
    private static readonly WebAuth Both = new(new WebOptions { Token = new Secret(Token), User = "owner", Password = new Secret("hunter2") });

    [Fact]
    public void Without_a_token_or_user_anyone_may_read()
    {
        Assert.True(new WebAuth(new WebOptions()).Allows(null, null));
    }

    [Theory]
    [InlineData("Bearer " + Token, null)]
    [InlineData("bearer " + Token, null)]
    [InlineData("Bearer  " + Token + " ", null)]
    [InlineData(null, Token)]
    [InlineData("Bearer wrong", Token)]
    public void The_token_opens_in_the_bearer_header_or_the_query(string? authorization, string? query)
    {
        Assert.True(TokenOnly.Allows(authorization, query));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Bearer " + Token + "x", null)]
    [InlineData("Bearer 0123456789abcdef012", null)]
    [InlineData("Bearer", null)]
    [InlineData("Bearer ", null)]
    [InlineData(Token, null)]
    [InlineData(null, "")]
    [InlineData(null, Token + " ")]
    [InlineData("Token " + Token, null)]
    [InlineData("Basic b3duZXI6aHVudGVyMg==", null)]
    public void Anything_but_the_exact_token_is_refused(string? authorization, string? query)
    {
        Assert.False(TokenOnly.Allows(authorization, query));
    }

    [Fact]
    public void Basic_authentication_takes_the_user_and_the_password_with_a_colon_or_spaces_in_it()
    {
        Assert.True(UserOnly.Allows(Basic("owner:hunter2 with spaces"), null));
        Assert.True(new WebAuth(new WebOptions { User = "owner", Password = new Secret("a:b") }).Allows(Basic("owner:a:b"), null));
    }

    [Theory]
    [InlineData("owner:hunter2")]
    [InlineData("Owner:hunter2 with spaces")]
    [InlineData("intruder:hunter2 with spaces")]
    [InlineData("owner")]
    [InlineData(":hunter2 with spaces")]
    [InlineData("")]
    public void Basic_authentication_with_a_wrong_user_or_password_is_refused(string credentials)
    {
        Assert.False(UserOnly.Allows(Basic(credentials), null));
    }

    [Theory]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic")]
    [InlineData("Digest username=\"owner\"")]
    [InlineData("Bearer " + Token)]
    public void A_malformed_header_or_an_other_scheme_is_refused_not_an_error(string authorization)
    {
        Assert.False(UserOnly.Allows(authorization, Token));
    }

    [Fact]
    public void With_both_configured_either_one_opens()
    {
        Assert.True(Both.Allows(Basic("owner:hunter2"), null));
        Assert.True(Both.Allows("Bearer " + Token, null));
        Assert.True(Both.Allows(null, Token));
        Assert.False(Both.Allows(Basic("owner:" + Token), null));
    }

    [Fact]
    public void The_challenge_asks_a_browser_for_a_password_only_when_a_user_is_configured()
    {
        Assert.Equal("Bearer realm=\"HecnetJobs\"", TokenOnly.Challenge);
        Assert.Equal("Basic realm=\"HecnetJobs\", charset=\"UTF-8\"", UserOnly.Challenge);
    }

    private static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
}
