using System.Text.RegularExpressions;
using Conformance.Results;

namespace Conformance.Catalogue.Tests;

/// <summary>
/// The SSO and security scenarios against Apache httpd + mod_auth_mellon (Debian packages; mocks/mellon), an SP
/// nobody here wrote, configured once from the IdP metadata, with no control API and no adapter. Every security
/// verdict is compared with what Apache itself logged about the same posts (ACS status, session cookie, the user
/// the protected page was served to, mellon's error line), never with a pinned list.
/// </summary>
public sealed partial class MellonTests
{
    private const string Target = "mellon.yaml";

    public static IEnumerable<TestCaseData> Ids(Area area) =>
        Catalogue.Scenarios.Where(s => s.Area == area).Select(s => new TestCaseData(s.Id).SetName("mellon:" + s.Id).SetCategory("mellon"));

    public static IEnumerable<TestCaseData> SsoIds() => Ids(Area.Sso);

    public static IEnumerable<TestCaseData> SecurityIds() => Ids(Area.Security);

    [OneTimeSetUp]
    public void ApacheAndMellonAreInstalled() =>
        Assert.That(File.Exists("/usr/lib/apache2/modules/mod_auth_mellon.so"), Is.True,
            "mod_auth_mellon is missing: ./run.sh test installs the Debian packages apache2 and libapache2-mod-auth-mellon");

    [TestCaseSource(nameof(SsoIds))]
    public async Task Sso_PassesOrIsSkippedForACapabilityMellonLacks(string id)
    {
        var logs = new ApacheLogs(await Catalogue.SpAsync(Target));
        var mark = logs.Mark();

        var result = await Catalogue.RunAsync(Catalogue.Get(id), targetFile: Target);

        if (id == "sso.logout.single" && result.Outcome == Outcome.Failed)
        {
            // mellon finds the session to end by NameID text alone and takes the first: with an earlier session of the
            // same user still open (the login scenarios before this one) it refuses a correct LogoutRequest
            // (latchset/mod_auth_mellon#140). The failure is mellon's and must be what Apache logged.
            var (_, errors, _) = await logs.SettledSinceAsync(mark, sends: 0);
            Assert.That(errors, Has.Some.Contains("Unknown principal on logout"), Catalogue.Describe(result));
            return;
        }
        Assert.That(result.Outcome, Is.AnyOf(Outcome.Passed, Outcome.Skipped), Catalogue.Describe(result));
        if (result.Outcome == Outcome.Skipped)
        {
            Assert.That(result.Reason, Does.Contain("lacks"), Catalogue.Describe(result));
        }
    }

    [TestCaseSource(nameof(SecurityIds))]
    public async Task Security_VerdictAgreesWithApachesOwnLogs(string id)
    {
        var logs = new ApacheLogs(await Catalogue.SpAsync(Target));
        var mark = logs.Mark();

        var result = await Catalogue.RunAsync(Catalogue.Get(id), targetFile: Target);

        if (result.Outcome == Outcome.Skipped)
        {
            Assert.That(result.Reason, Does.Contain("lacks saml.want-"), "only a signing policy mellon does not declare may skip a case");
            return;
        }
        var check = result.Steps.SelectMany(s => s.Checks).Single(c => c.Condition == "security.refused");
        // The baseline, then each post of the case (replay posts the original, then its replay).
        var sends = 1 + (Answered().Match(check.Message ?? "") is { Success: true } m ? m.Groups[1].Value.Split(" then ").Length : 1);
        var (access, errors, posts) = await logs.SettledSinceAsync(mark, sends);
        Assert.Multiple(() =>
        {
            Assert.That(check.Outcome, Is.AnyOf(Outcome.Passed, Outcome.Failed, Outcome.Warning), "never inconclusive against mellon: " + check.Message);
            Assert.That(posts, Has.Count.EqualTo(sends), "Apache logged the valid baseline and every post of the case");
        });
        Assert.That(posts[0].Status, Is.EqualTo(303), "Apache accepted the valid baseline Response");
        var attack = posts[^1];
        var servedTo = access.SkipWhile(l => !ReferenceEquals(l, attack)).Skip(1)
            .FirstOrDefault(l => l is { Method: "GET", Status: 200 } && l.Path.StartsWith("/protected/", StringComparison.Ordinal))?.User;
        if (check.Outcome == Outcome.Passed && attack.Status != 303)
        {
            Assert.Multiple(() =>
            {
                Assert.That(attack.Status, Is.EqualTo(400), "a refusal is mellon's 400");
                Assert.That(attack.SetCookie, Is.EqualTo("-"), "no session cookie for a refused Response");
                Assert.That(errors, Has.Some.Contains("[auth_mellon:"), "mellon logged why it refused");
                Assert.That(check.Message, Does.Contain("ACS answered").And.Contain("400"));
            });
            return;
        }
        // Accepted by Apache: the verdict names the very user Apache served the protected page to.
        Assert.Multiple(() =>
        {
            Assert.That(attack.Status, Is.EqualTo(303), check.Message);
            Assert.That(servedTo, Is.Not.Null.And.Not.EqualTo("-"), "Apache served the protected page to a signed-in user");
            Assert.That(check.Message, Does.Contain($"'{servedTo}'"), "the verdict names the user Apache logged in");
        });
        if (check.Outcome == Outcome.Passed)
        {
            Assert.That(result.Id, Is.EqualTo("security.comment-injection"), "only comment injection passes when accepted: as the whole signed NameID");
        }
    }

    [GeneratedRegex(@"ACS answered (\d+(?: then \d+)*)")]
    private static partial Regex Answered();

    /// <summary>mellon's access.log and error.log, in the state folder start.sh reports ("logs DIR").</summary>
    private sealed partial class ApacheLogs(Conformance.Scenarios.Harness.SpSession sp)
    {
        private readonly string _folder = sp.Started.Select(l => LogsLine().Match(l)).First(m => m.Success).Groups[1].Value;

        public (long Access, long Error) Mark() => (Length("access.log"), Length("error.log"));

        /// <summary>Apache writes a request's line after answering it: wait (briefly) until the last ACS post's follow-up is logged too.</summary>
        public async Task<(IReadOnlyList<AccessLine> Access, IReadOnlyList<string> Errors, IReadOnlyList<AccessLine> Posts)> SettledSinceAsync((long Access, long Error) mark, int sends)
        {
            for (var attempt = 0; ; attempt++)
            {
                List<AccessLine> access = [.. Read("access.log", mark.Access).Select(AccessLine.Parse).OfType<AccessLine>()];
                var posts = access.Where(l => l.Method == "POST" && l.Path.StartsWith("/mellon/postResponse", StringComparison.Ordinal)).ToList();
                var settled = posts.Count >= sends && (posts.Count == 0 || posts[^1].Status != 303 || access.IndexOf(posts[^1]) < access.Count - 1);
                if (settled || attempt == 30)
                {
                    return (access, Read("error.log", mark.Error), posts);
                }
                await Task.Delay(100);
            }
        }

        private long Length(string name) => new FileInfo(Path.Combine(_folder, name)).Length;

        private List<string> Read(string name, long from)
        {
            using var stream = new FileStream(Path.Combine(_folder, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(from, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }

        [GeneratedRegex(@"^logs (\S+)$")]
        private static partial Regex LogsLine();
    }

    private sealed partial record AccessLine(string Method, string Path, int Status, string SetCookie, string User)
    {
        public static AccessLine? Parse(string line)
        {
            var m = Format().Match(line);
            return m.Success ? new AccessLine(m.Groups["method"].Value, m.Groups["path"].Value, int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["cookie"].Value, m.Groups["user"].Value) : null;
        }

        // httpd.conf.template: %h [time] "%r" %>s loc="%{Location}o" setcookie="%{Set-Cookie}o" user="%u"
        [GeneratedRegex("\"(?<method>[A-Z]+) (?<path>\\S+) [^\"]*\" (?<status>\\d{3}) loc=\"[^\"]*\" setcookie=\"(?<cookie>[^\"]*)\" user=\"(?<user>[^\"]*)\"")]
        private static partial Regex Format();
    }
}
