using Conformance.IdP.Agent;

namespace Conformance.IdP.Tests.Agent;

/// <summary>SP pages as they come: valid HTML that a pattern would misread is read as a browser reads it.</summary>
public class HtmlFormsTests
{
    [Test]
    public void Find_AnAutoPostFormWithoutItsClosingTag_ReadsItsFields()
    {
        var form = HtmlForms.Find("<body onload=\"document.forms[0].submit()\"><form method=post action=https://sp.example/acs><input type=hidden name=SAMLResponse value=PHNhbWw+><input type=hidden name=RelayState value=\"/home\"></body>").Single();

        Assert.Multiple(() =>
        {
            Assert.That((form.Method, form.Action), Is.EqualTo(("POST", "https://sp.example/acs")));
            Assert.That(form.Field("SAMLResponse"), Is.EqualTo("PHNhbWw+"));
            Assert.That(form.Field("RelayState"), Is.EqualTo("/home"));
        });
    }

    [Test]
    public void Find_AValueHoldingAnAngleBracketOrAnEntity_KeepsItWhole()
    {
        var form = HtmlForms.Find("<form method=\"post\" action=\"/acs\"><input name=\"RelayState\" value=\"a>b&amp;c\"></form>").Single();

        Assert.That(form.Field("RelayState"), Is.EqualTo("a>b&c"));
    }

    [Test]
    public void Find_ASamlResponseInATextarea_ReadsIt()
    {
        var form = HtmlForms.Find("<form method=\"post\" action=\"/acs\"><textarea name=\"SAMLResponse\">PHNhbWw+</textarea><button name=\"go\" value=\"1\">Go</button></form>").Single();

        Assert.That(form.Fields, Is.EqualTo(new[] { new KeyValuePair<string, string>("SAMLResponse", "PHNhbWw+"), new("go", "1") }));
    }

    [Test]
    public void Find_AFormWithoutMethod_IsAGet()
    {
        Assert.That(HtmlForms.Find("<form action=\"/search\"><input name=\"q\"></form>").Single().Method, Is.EqualTo("GET"));
    }

    [Test]
    public void TextById_WithMarkupAndEntitiesInside_IsThePlainText()
    {
        Assert.That(HtmlForms.TextById("<div id='error'><strong>Access denied:</strong> user &lt;ada&gt; is not assigned\n</div>", "error"), Is.EqualTo("Access denied: user <ada> is not assigned"));
    }

    [Test]
    public void TextById_OfAPageWithoutThatId_IsNull()
    {
        Assert.That(HtmlForms.TextById("<p class=\"error\">not the error element</p>", "error"), Is.Null);
    }
}
