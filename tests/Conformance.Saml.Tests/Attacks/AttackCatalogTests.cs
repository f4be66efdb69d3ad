using System.Xml;
using Conformance.Saml.Attacks;

namespace Conformance.Saml.Tests.Attacks;

public class AttackCatalogTests
{
    private static readonly string[] IssueCases =
    [
        "xsw1", "xsw2", "xsw3", "xsw4", "xsw5", "xsw6", "xsw7", "xsw8",
        "signature-exclusion", "assertion-unsigned", "response-unsigned", "foreign-key-in-keyinfo", "digest-mismatch",
        "two-assertions-one-signed", "empty-reference-uri", "sha1",
        "conditions-expired", "conditions-not-yet-valid", "subject-confirmation-expired", "subject-confirmation-not-yet-valid",
        "wrong-audience", "wrong-recipient", "wrong-destination", "wrong-issuer", "unsolicited-in-response-to", "replay",
        "comment-injection", "xxe-external-entity", "entity-expansion", "oversized",
    ];

    private static readonly string[] DefenceNames = ["signature", "audience", "destination", "recipient", "time-window", "in-response-to", "replay", "issuer", "dtd", "wrapping", "size"];

    private static IEnumerable<string> WithoutDtd() => IssueCases.Where(id => id is not ("xxe-external-entity" or "entity-expansion"));

    [Test]
    public void All_ListsEveryCaseOfTheIssueOnceInOrder()
    {
        Assert.That(AttackCatalog.All.Select(a => a.Id), Is.EqualTo(IssueCases));
    }

    [Test]
    public void All_EveryCaseHasASourceAnExplanationAndAKnownStubDefence()
    {
        Assert.Multiple(() =>
        {
            foreach (var attack in AttackCatalog.All)
            {
                Assert.That(attack.Source, Is.Not.Empty, attack.Id);
                Assert.That(attack.Explanation, Does.Not.Contain('\n'), attack.Id);
                Assert.That(attack.ExpectedRefusal, Is.Not.Empty, attack.Id);
                Assert.That(attack.StubDefence, Is.Null.Or.AnyOf(DefenceNames), attack.Id);
            }
        });
    }

    [Test]
    public void All_OnlySha1AndUnsolicitedInResponseToAreWarnings()
    {
        Assert.That(AttackCatalog.All.Where(a => a.Severity == AttackSeverity.Warning).Select(a => a.Id), Is.EquivalentTo(new[] { "sha1", "unsolicited-in-response-to" }));
    }

    [Test]
    public void All_CommentInjectionCitesTheDuoCves()
    {
        Assert.That(AttackCatalog.Get("comment-injection").Source,
            Does.Contain("CVE-2017-11427").And.Contain("CVE-2017-11428").And.Contain("CVE-2017-11429").And.Contain("CVE-2017-11430").And.Contain("CVE-2018-0489"));
    }

    [Test]
    public void All_OnlyCasesTheStubMayAcceptHaveNoStubDefence()
    {
        Assert.That(AttackCatalog.All.Where(a => a.StubDefence is null).Select(a => a.Id), Is.EquivalentTo(new[] { "response-unsigned", "comment-injection" }));
    }

    [Test]
    public void All_WrappingCasesAreRefusedByTheWrappingDefence()
    {
        Assert.That(AttackCatalog.All.Where(a => a.StubDefence == StubDefenceNames.Wrapping).Select(a => a.Id),
            Is.EqualTo(new[] { "xsw1", "xsw2", "xsw3", "xsw4", "xsw5", "xsw6", "xsw7", "xsw8", "two-assertions-one-signed" }));
    }

    [Test]
    public void Get_UnknownId_ThrowsListingTheKnownIds()
    {
        Assert.That(() => AttackCatalog.Get("xsw9"), Throws.ArgumentException.With.Message.Contains("xsw9").And.Message.Contains("xsw8, signature-exclusion"));
    }

    [TestCaseSource(nameof(WithoutDtd))]
    public void Forge_EveryCaseWithoutADtd_IsWellFormedAndReadableWithDtdsProhibited(string attackId)
    {
        var forged = AttackSamples.Forge(attackId);

        Assert.Multiple(() =>
        {
            Assert.That(forged.AttackId, Is.EqualTo(attackId));
            Assert.That(forged.Base64, Is.EqualTo(Convert.ToBase64String(forged.Xml)));
            Assert.That(forged.ExpectedRefusal, Is.EqualTo(AttackCatalog.Get(attackId).ExpectedRefusal));
            // The oversized case is over the library's own 1 MiB cap: read it with the cap lifted.
            Assert.That(() => Permissive(forged.Xml), Throws.Nothing);
        });
    }

    [Test]
    public void Forge_EveryCase_ChangesTheBaselineAndNamesWhoTheSpWouldLogInAs()
    {
        var baseline = AttackSamples.Forge("replay");

        Assert.Multiple(() =>
        {
            foreach (var id in IssueCases.Where(id => id != "replay"))
            {
                var forged = AttackSamples.Forge(id);
                Assert.That(forged.Xml, Is.Not.EqualTo(baseline.Xml), id);
                Assert.That(forged.ImpersonatedNameId, Is.AnyOf(AttackSamples.Victim, AttackSamples.Attacker), id);
                Assert.That(forged.Sends, Is.EqualTo(1), id);
            }
        });
    }

    [Test]
    public void Forge_XxeWithoutAListener_SaysWhatIsMissing()
    {
        Assert.That(() => AttackCatalog.Forge("xxe-external-entity", AttackSamples.Context() with { ListenerUrl = null }),
            Throws.ArgumentException.With.Message.Contains("ListenerUrl"));
    }

    internal static XmlDocument Permissive(byte[] xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }
}
