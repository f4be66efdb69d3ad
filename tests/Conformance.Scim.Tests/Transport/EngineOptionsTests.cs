using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Core.Insights;

namespace Conformance.Scim.Tests.Transport;

public sealed class EngineOptionsTests
{
    private static IEnumerable<TestCaseData> OutOfRange()
    {
        yield return Case(o => o with { Concurrency = 0 }, nameof(ScimEngineOptions.Concurrency));
        yield return Case(o => o with { Timeout = TimeSpan.FromMilliseconds(9) }, nameof(ScimEngineOptions.Timeout));
        yield return Case(o => o with { Timeout = TimeSpan.FromHours(25) }, nameof(ScimEngineOptions.Timeout));
        yield return Case(o => o with { MaxRetries = -1 }, nameof(ScimEngineOptions.MaxRetries));
        yield return Case(o => o with { InitialBackoff = TimeSpan.FromSeconds(-1) }, nameof(ScimEngineOptions.InitialBackoff));
        yield return Case(o => o with { MaxBackoff = TimeSpan.FromDays(2) }, nameof(ScimEngineOptions.MaxBackoff));
        yield return Case(o => o with { ImportPageSize = 0 }, nameof(ScimEngineOptions.ImportPageSize));
    }

    [TestCaseSource(nameof(OutOfRange))]
    public void IdentityManagement_WithAnOptionOutOfRange_IsRefusedNamingIt(Func<ScimEngineOptions, ScimEngineOptions> edit, string option)
    {
        var options = Organisation(edit(new ScimEngineOptions()));

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new IdentityManagement(options));

        Assert.That(refused!.ParamName, Is.EqualTo(option));
    }

    [TestCaseSource(nameof(OutOfRange))]
    public void AdminClient_WithAnOptionOutOfRange_IsRefusedNamingIt(Func<ScimEngineOptions, ScimEngineOptions> edit, string option)
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new ScimAdminClient(
            new Uri("http://127.0.0.1:9/scim/v2"), "token", edit(new ScimEngineOptions()), new ExchangeJournal(), new Redactor(), TimeProvider.System, "admin").Dispose());

        Assert.That(refused!.ParamName, Is.EqualTo(option));
    }

    [Test]
    public void IdentityManagement_WithNoRetriesAndNoBackoff_IsAccepted()
    {
        var options = Organisation(new ScimEngineOptions { MaxRetries = 0, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero });

        Assert.DoesNotThrowAsync(async () => await new IdentityManagement(options).DisposeAsync());
    }

    private static IdentityManagementOptions Organisation(ScimEngineOptions engine)
    {
        var directory = new JumpCloudDirectory();
        return new IdentityManagementOptions
        {
            Directory = directory,
            Catalog = new ApplicationCatalog(directory),
            Insights = new InsightsLog(TimeProvider.System, "org-test"),
            Exchanges = new ExchangeJournal(),
            Redactor = new Redactor(),
            Engine = engine,
        };
    }

    private static TestCaseData Case(Func<ScimEngineOptions, ScimEngineOptions> edit, string option) =>
        new TestCaseData(edit, option).SetArgDisplayNames(option);
}
