using System.Text;
using System.Xml;
using Conformance.Core.Saml;
using Conformance.Saml;
using Conformance.Saml.Signing;

namespace Conformance.IdP.Tests.Sso;

/// <summary>"Access the JumpCloud User Console - Go to Applications and click an application tile to launch it".</summary>
public class IdpInitiatedTests
{
    private IdpHarness _h = null!;

    [SetUp]
    public async Task StartAsync() => _h = await IdpHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    internal static XmlNamespaceManager Ns(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("samlp", SamlNames.Protocol);
        ns.AddNamespace("saml", SamlNames.Assertion);
        return ns;
    }

    internal static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }

    [Test]
    public async Task Launch_AuthorizedUser_PostsASignedResponseToTheAcsWithTheTargetUrlAsRelayState()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.AcsUrl, Is.EqualTo(_h.Sp.AcsUrl));
            Assert.That(outcome.RelayState, Is.EqualTo(IdpHarness.TargetUrl));
            Assert.That(outcome.FinalStatus, Is.EqualTo(200));
            Assert.That(outcome.FinalBody, Is.EqualTo("SP session started"));
            Assert.That(_h.Sp.AcsPosts, Has.Count.EqualTo(1));
            Assert.That(_h.Sp.AcsPosts.Single().RelayState, Is.EqualTo(IdpHarness.TargetUrl));
        });
    }

    [Test]
    public async Task Launch_Response_HasNoInResponseToAndNamesTheRegisteredSp()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        var document = Load(outcome.ResponseXml!);
        var ns = Ns(document);
        Assert.Multiple(() =>
        {
            Assert.That(document.SelectNodes("//@InResponseTo")!, Is.Empty);
            Assert.That(document.SelectSingleNode("/samlp:Response/@Destination", ns)!.Value, Is.EqualTo(_h.Sp.AcsUrl));
            Assert.That(document.SelectSingleNode("//saml:Audience", ns)!.InnerText, Is.EqualTo(_h.Sp.EntityId));
            Assert.That(document.SelectSingleNode("/samlp:Response/saml:Issuer", ns)!.InnerText, Is.EqualTo(_h.Idp.EntityId(_h.App.Id)));
            Assert.That(document.SelectSingleNode("//saml:Conditions/@NotBefore", ns)!.Value, Is.EqualTo("2025-03-14T09:00:00.000Z"));
            Assert.That(document.SelectSingleNode("//saml:Attribute[@Name='firstName']/saml:AttributeValue", ns)!.InnerText, Is.EqualTo("Ada"));
        });
    }

    [Test]
    public async Task Launch_Response_VerifiesWithTheDownloadedCertificatePemAndIsRecordedExactly()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);
        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);
        using var http = new HttpClient();
        var pem = await http.GetStringAsync(_h.Idp.CertificateUrl(_h.App.Id));
        using var certificate = SigningCertificate.LoadPem(pem);

        var report = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(outcome.ResponseXml!), certificate);
        var recorded = _h.Sink.Of(SamlMessageKind.Response).Single();

        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(SignatureStatus.Valid));
            Assert.That(report.Assertion, Is.EqualTo(SignatureStatus.Valid));
            Assert.That(recorded.Xml, Is.EqualTo(Encoding.UTF8.GetBytes(outcome.ResponseXml!)));
            Assert.That(recorded.CertificatePem, Is.EqualTo(pem));
            Assert.That(recorded.Destination, Is.EqualTo(_h.Sp.AcsUrl));
            Assert.That(recorded.SpEntityId, Is.EqualTo(_h.Sp.EntityId));
            Assert.That(recorded.IdpEntityId, Is.EqualTo(_h.Idp.EntityId(_h.App.Id)));
            Assert.That(recorded.RelayState, Is.EqualTo(IdpHarness.TargetUrl));
        });
    }

    [TestCase(SignedElement.Response)]
    [TestCase(SignedElement.Assertion)]
    public async Task Launch_Response_Xmlsec1AcceptsItWithTheDownloadedPemAndRejectsItWithOneByteFlipped(SignedElement signature)
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);
        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);
        using var http = new HttpClient();
        var pem = await http.GetStringAsync(_h.Idp.CertificateUrl(_h.App.Id));
        var xml = Encoding.UTF8.GetBytes(outcome.ResponseXml!);
        var flipped = (byte[])xml.Clone();
        var at = outcome.ResponseXml!.IndexOf(">ada.lovelace@", StringComparison.Ordinal) + 1;
        flipped[at] = (byte)'A';

        var accepted = await Xmlsec1.VerifyAsync(xml, pem, signature);
        var rejected = await Xmlsec1.VerifyAsync(flipped, pem, signature);

        Assert.Multiple(() =>
        {
            Assert.That(accepted.Verified, Is.True, accepted.Output);
            Assert.That(rejected.Verified, Is.False, rejected.Output);
        });
    }

    [Test]
    public async Task Launch_UserInNoBoundGroup_IsRefusedWithoutAnAssertion()
    {
        await _h.Agent.LoginAsync("bob", IdpHarness.BobPassword);

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(403));
            Assert.That(outcome.Error, Does.Contain("not authorized"));
            Assert.That(outcome.ResponseDelivered, Is.False);
            Assert.That(_h.Sp.AcsPosts, Is.Empty);
            Assert.That(_h.Sink.Of(SamlMessageKind.Response), Is.Empty);
        });
    }

    [Test]
    public async Task Launch_AfterTheGroupIsUnbound_IsRefused()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);
        _h.Catalog.UnbindGroup(_h.App.Id, "Video");

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(403));
            Assert.That(outcome.ResponseDelivered, Is.False);
        });
    }

    [Test]
    public async Task Launch_WithoutSession_AsksForCredentialsFirst()
    {
        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalUrl, Does.Contain("/login"));
            Assert.That(outcome.FinalBody, Does.Contain("id=\"password\""));
            Assert.That(outcome.ResponseDelivered, Is.False);
        });
    }

    [Test]
    public async Task SsoUrl_WithoutSamlRequest_LaunchesLikeTheTile()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        var outcome = await _h.Agent.OpenAsync(new Uri(_h.Idp.SsoUrl(_h.App.Id)));

        Assert.That(outcome.RelayState, Is.EqualTo(IdpHarness.TargetUrl));
    }

    [TestCase("email", "ada.lovelace@example.test")]
    [TestCase("username", "ada")]
    [TestCase("employeeIdentifier", "E-1815")]
    public async Task Launch_NameIdSource_AssertsThatProperty(string source, string expected)
    {
        _h.Idp.UpdateSso(_h.App.Id, s => s with { NameIdSource = source, NameIdFormat = SamlNames.NameIdPersistent });
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        var document = Load(outcome.ResponseXml!);
        var nameId = (XmlElement)document.SelectSingleNode("//saml:Subject/saml:NameID", Ns(document))!;
        Assert.Multiple(() =>
        {
            Assert.That(nameId.InnerText, Is.EqualTo(expected));
            Assert.That(nameId.GetAttribute("Format"), Is.EqualTo(SamlNames.NameIdPersistent));
        });
    }

    [Test]
    public async Task Launch_AttributeChangedAndAdded_AssertsTheNewMapping()
    {
        _h.Idp.UpdateSso(_h.App.Id, s => s.WithAttribute("firstName", "lastname").WithAttribute("title", "jobTitle"));
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        var document = Load(outcome.ResponseXml!);
        var ns = Ns(document);
        Assert.Multiple(() =>
        {
            Assert.That(document.SelectSingleNode("//saml:Attribute[@Name='firstName']/saml:AttributeValue", ns)!.InnerText, Is.EqualTo("Lovelace"));
            Assert.That(document.SelectSingleNode("//saml:Attribute[@Name='title']/saml:AttributeValue", ns)!.InnerText, Is.EqualTo("Analyst"));
            Assert.That(document.SelectNodes("//saml:Attribute[@Name='firstName']", ns)!, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Launch_AssertionOnlySigning_SignsOnlyTheAssertion()
    {
        _h.Idp.UpdateSso(_h.App.Id, s => s with { Signing = Conformance.Saml.Responses.SignedParts.Assertion });
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        using var certificate = SigningCertificate.LoadPem(_h.Idp.CertificatePem(_h.App.Id));
        var report = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(outcome.ResponseXml!), certificate);
        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(SignatureStatus.Absent));
            Assert.That(report.Assertion, Is.EqualTo(SignatureStatus.Valid));
        });
    }

    [Test]
    public async Task Console_ShowsATileOnlyForAppsTheUserMayLaunch()
    {
        var other = _h.Catalog.Create(new Core.Applications.ApplicationSettings { Name = "Other", SsoSuffix = "other" });
        var hidden = _h.Catalog.Create(new Core.Applications.ApplicationSettings { Name = "Hidden", SsoSuffix = "hidden", ShowInPortal = false });
        _h.Catalog.BindGroup(hidden.Id, "Video");

        var outcome = await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalUrl, Does.EndWith("/userconsole"));
            Assert.That(outcome.FinalBody, Does.Contain($"class=\"tile\" data-app-id=\"{_h.App.Id}\""));
            Assert.That(outcome.FinalBody, Does.Not.Contain($"data-app-id=\"{other.Id}\""));
            Assert.That(outcome.FinalBody, Does.Not.Contain($"data-app-id=\"{hidden.Id}\""));
        });
    }
}
