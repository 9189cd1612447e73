namespace Tern.Carbon.Tests.Http;

public class RedactorTests
{
    [Fact]
    public void Every_known_secret_is_masked_wherever_it_appears()
    {
        var redactor = new Redactor();
        redactor.Add("tok-123");
        redactor.Add("tok-123-long");
        redactor.Add(null);
        redactor.Add("");

        Assert.Equal("invalid token *** for ***, again ***", redactor.Redact("invalid token tok-123-long for tok-123, again tok-123"));
    }

    [Theory]
    [InlineData("""{"token":"abc","zone":"DE"}""", """{"token":***,"zone":"DE"}""")]
    [InlineData("""{"access_token": "abc"}""", """{"access_token": ***}""")]
    [InlineData("""{"Password":'abc'}""", """{"Password":***}""")]
    [InlineData("auth-token=abc&zone=DE", "auth-token=***&zone=DE")]
    [InlineData("Authorization: Bearer abc.def", "Authorization: Bearer ***")]
    [InlineData("api_key=abc; secret=xyz", "api_key=***; secret=***")]
    public void Values_of_credential_named_fields_are_masked_even_when_unknown(string text, string expected)
    {
        Assert.Equal(expected, new Redactor().Redact(text));
    }

    [Fact]
    public void Text_without_secrets_is_unchanged()
    {
        const string text = """{"zone":"US-MIDA-PJM","carbonIntensity":412,"message":"Please enter a valid date"}""";

        Assert.Equal(text, new Redactor().Redact(text));
    }
}
