using System.Net;
using Conformance.Core.Applications;
using Conformance.Core.Saml;
using Conformance.Saml.Signing;

namespace Conformance.IdP.Tests.Sso;

/// <summary>Creating, configuring, deactivating and deleting an application's SSO, seen from HTTP.</summary>
public class SsoLifecycleTests
{
    private IdpHarness _h = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await IdpHarness.StartAsync();
        _http = new HttpClient();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _h.DisposeAsync();
    }

    [Test]
    public async Task Metadata_NamesTheEntityIdEndpointsAndTheDownloadableCertificate()
    {
        var xml = await _http.GetStringAsync(_h.Idp.MetadataUrl(_h.App.Id));
        var pem = await _http.GetStringAsync(_h.Idp.CertificateUrl(_h.App.Id));

        Assert.Multiple(() =>
        {
            Assert.That(xml, Does.Contain($"entityID=\"{_h.Idp.EntityId(_h.App.Id)}\""));
            Assert.That(xml, Does.Contain($"Location=\"{_h.Idp.SsoUrl(_h.App.Id)}\""));
            Assert.That(xml, Does.Contain($"Location=\"{_h.Idp.SloUrl(_h.App.Id)}\""));
            Assert.That(xml, Does.Contain(pem.Split('\n')[1]));
            Assert.That(_h.Idp.EntityId(_h.App.Id), Is.EqualTo($"{_h.Idp.BaseUrl}/saml2/bluejeans"));
        });
    }

    [Test]
    public async Task Certificate_IsADownloadNamedCertificatePem()
    {
        using var response = await _http.GetAsync(_h.Idp.CertificateUrl(_h.App.Id));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("certificate.pem"));
        });
    }

    [Test]
    public async Task DeactivateSso_LaunchGetsASamlErrorAndNoAssertion()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);
        _h.Idp.DeactivateSso(_h.App.Id);

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(403));
            Assert.That(outcome.Error, Does.Contain("SSO is deactivated"));
            Assert.That(outcome.ResponseDelivered, Is.False);
            Assert.That(_h.Sink.Of(SamlMessageKind.Response), Is.Empty);
        });
    }

    [Test]
    public async Task DeactivateSso_SpInitiatedRequestGetsASamlErrorAndNoAssertion()
    {
        _h.Idp.DeactivateSso(_h.App.Id);

        var outcome = await _h.Agent.StartAtSpAsync(new Uri(_h.Sp.LoginUrl), "ada", IdpHarness.AdaPassword);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(403));
            Assert.That(outcome.Error, Does.Contain("SSO is deactivated"));
            Assert.That(_h.Sp.AcsPosts, Is.Empty);
        });
    }

    [Test]
    public async Task DeleteApplication_SsoUrlMetadataAndCertificateAnswer404()
    {
        var sso = _h.Idp.SsoUrl(_h.App.Id);
        var metadata = _h.Idp.MetadataUrl(_h.App.Id);
        var certificate = _h.Idp.CertificateUrl(_h.App.Id);

        _h.Catalog.Delete(_h.App.Id);

        using var ssoAnswer = await _http.GetAsync(sso);
        using var metadataAnswer = await _http.GetAsync(metadata);
        using var certificateAnswer = await _http.GetAsync(certificate);
        Assert.Multiple(() =>
        {
            Assert.That(ssoAnswer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(metadataAnswer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(certificateAnswer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task DeleteApplication_TileLaunchAnswers404()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);
        _h.Catalog.Delete(_h.App.Id);

        var outcome = await _h.Agent.LaunchAsync(_h.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(404));
            Assert.That(outcome.ResponseDelivered, Is.False);
        });
    }

    [Test]
    public async Task DeleteAndRecreate_SameSuffix_ServesANewCertificate()
    {
        var before = _h.Idp.CertificatePem(_h.App.Id);
        _h.Catalog.Delete(_h.App.Id);

        var again = _h.Catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });

        var after = await _http.GetStringAsync(_h.Idp.CertificateUrl(again.Id));
        Assert.That(after, Is.Not.EqualTo(before));
    }

    [Test]
    public void EditSuffix_AfterCreation_IsRefusedAndTheSsoUrlStays()
    {
        var url = _h.Idp.SsoUrl(_h.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => _h.Catalog.Update(_h.App.Id, new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans2" }),
                Throws.TypeOf<ApplicationRefusedException>().With.Message.Contains("not editable"));
            Assert.That(_h.Idp.SsoUrl(_h.App.Id), Is.EqualTo(url));
        });
    }

    [Test]
    public async Task CreateApplication_SuffixTaken_IsRefusedAndTheFirstAppKeepsItsUrl()
    {
        Assert.That(() => _h.Catalog.Create(new ApplicationSettings { Name = "Copy", SsoSuffix = "bluejeans" }),
            Throws.TypeOf<ApplicationRefusedException>().With.Message.Contains("already used"));

        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);
        var outcome = await _h.Agent.OpenAsync(new Uri($"{_h.Idp.BaseUrl}/saml2/bluejeans"));
        Assert.That(outcome.AcsUrl, Is.EqualTo(_h.Sp.AcsUrl));
    }

    [Test]
    public void ConfigureSso_AcsNotAnHttpUrl_IsRefused()
    {
        Assert.That(() => _h.Idp.UpdateSso(_h.App.Id, s => s with { AcsUrl = "javascript:alert(1)" }),
            Throws.TypeOf<ApplicationRefusedException>());
    }

    [Test]
    public void ConfigureSso_FromSpMetadata_TakesEntityIdAcsSloAndCertificate()
    {
        var spMetadata = $"""
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://sp.example.test/md">
              <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{CertificateBody()}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://sp.example.test/slo"/>
                <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.test/acs" index="0"/>
              </md:SPSSODescriptor>
            </md:EntityDescriptor>
            """;

        var settings = _h.Idp.ConfigureSsoFromMetadata(_h.App.Id, spMetadata, s => s with { TargetUrl = "relay" });

        Assert.Multiple(() =>
        {
            Assert.That(settings.SpEntityId, Is.EqualTo("https://sp.example.test/md"));
            Assert.That(settings.AcsUrl, Is.EqualTo("https://sp.example.test/acs"));
            Assert.That(settings.SloUrl, Is.EqualTo("https://sp.example.test/slo"));
            Assert.That(settings.TargetUrl, Is.EqualTo("relay"));
            Assert.That(settings.SpCertificatePem, Does.StartWith("-----BEGIN CERTIFICATE-----"));
            Assert.That(_h.Idp.FindSso(_h.App.Id), Is.EqualTo(settings));
        });
    }

    private string CertificateBody()
    {
        using var certificate = SigningCertificate.LoadPem(_h.Idp.CertificatePem(_h.App.Id));
        return Convert.ToBase64String(certificate.RawData);
    }
}
