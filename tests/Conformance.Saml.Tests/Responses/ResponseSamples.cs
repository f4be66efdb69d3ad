using Conformance.Saml.Responses;

namespace Conformance.Saml.Tests.Responses;

/// <summary>The one valid baseline every Response test changes one thing of.</summary>
internal static class ResponseSamples
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static ResponseSpec Spec() => new()
    {
        IdpEntityId = "http://127.0.0.1:5000/saml2/bluejeans",
        AcsUrl = "https://sp.example.test/saml/acs",
        Audience = "https://sp.example.test/saml/metadata",
        NameId = "ada.lovelace@example.test",
        NameIdFormat = SamlNames.NameIdEmailAddress,
        IssueInstant = Now,
        SessionIndex = "_session-1",
        Attributes =
        [
            new AttributeClaim("email", "ada.lovelace@example.test"),
            new AttributeClaim("firstName", "Ada & <Countess>"),
        ],
    };
}
