using System.Text.Json;
using Tern.Carbon.WattTime.Model;

namespace Tern.Carbon.Tests.WattTime.Model;

public class LoginResponseTests
{
    [Fact]
    public void ToString_never_shows_the_bearer_token_it_was_decoded_with()
    {
        var login = JsonSerializer.Deserialize<LoginResponse>("""{"token":"wt-bearer-4be2"}""")!;

        Assert.Equal("wt-bearer-4be2", login.Token);
        Assert.DoesNotContain("wt-bearer-4be2", login.ToString(), StringComparison.Ordinal);
        Assert.Equal("LoginResponse { Token = none }", new LoginResponse().ToString());
    }
}
