using System.Text;

namespace Conformance.Cli.Tests;

/// <summary>
/// The regression corpus of bad input: each case exits 2 with a one-line reason naming where, no stack trace, and
/// nothing run; what a scenario file gets wrong, validate and run refuse alike.
/// </summary>
public sealed class BadInputCorpusTests
{
    private const string Baseline = """
        id: corpus.case
        title: t
        area: sso
        tags: [corpus]
        data: { count: 1 }
        steps:
          - do: app.create
            with: { name: BlueJeans, ssoSuffix: bluejeans }
        """;

    [TestCase("tags: [corpus]", "tags: {a: 1}", "field 'tags' expects a list")]
    [TestCase("name: BlueJeans,", "name: \"${nosuch.thing}\",", "'${nosuch.thing}' names nothing a run sets")]
    [TestCase("name: BlueJeans,", "name: \"${users[99].username}\",", "users[99] does not exist")]
    [TestCase("name: BlueJeans,", "name: \"${users[0].username\",", "opens '${' without closing it")]
    [TestCase("data: { count: 1 }", "data: { count: -5 }", "data.count must be between 0 and")]
    [TestCase("with: { name: BlueJeans, ssoSuffix: bluejeans }", "with: { name: BlueJeans, ssoSuffix: bluejeans }\n    expect:\n      - { check: app.exists, name: x, with: { app: bluejeans }, expected: { a: 1 } }", "'app.exists' observes true or false; this expected value can never match")]
    [TestCase("with: { name: BlueJeans, ssoSuffix: bluejeans }", "with: { name: BlueJeans, ssoSuffix: bluejeans }\n    expect:\n      - { check: scim.requests, name: x, with: { method: POST }, atLeast: many }", "'atLeast' takes a number")]
    [TestCase("data: { count: 1 }", "data: { count: 1, edgeCases: [username-32] }", "unknown edge case 'username-32'")]
    [TestCase("tags: [corpus]", "tags: [corpus]\nmore: &a [*a]", "nests deeper than 64 levels")]
    [TestCase("with: { name: BlueJeans, ssoSuffix: bluejeans }", "with: { name: BlueJeans, ssoSuffix: bluejeans }\n  - do: security.send-forged\n    with: { app: bluejeans, user: u, attack: xsw99 }", "input 'attack' of action 'security.send-forged' expects one of xsw1, xsw2,")]
    [TestCase("with: { name: BlueJeans, ssoSuffix: bluejeans }", "with: { name: BlueJeans, ssoSuffix: bluejeans }\n  - do: sp.configure-saml\n    with: { app: bluejeans, certificate: mine }", "input 'certificate' of action 'sp.configure-saml' expects one of app, other, got 'mine'")]
    public async Task ScenarioMistake_ValidateAndRunBothRefuseIt(string baseline, string mistake, string message)
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/case.yaml", Baseline.Replace(baseline, mistake, StringComparison.Ordinal));

        foreach (var verb in new[] { "validate", "run" })
        {
            var (code, _, errors) = await sandbox.RunAsync(verb);

            Assert.That(code, Is.EqualTo(2), $"{verb}: {errors}");
            Assert.That(errors, Does.Contain("case.yaml:").And.Contain(message).And.Not.Contain("   at "), verb);
        }
        Assert.That(Directory.Exists(sandbox.Reports), Is.False, "nothing ran");
    }

    [Test]
    public async Task ScenarioNotUtf8_IsRefusedAtTheByte()
    {
        using var sandbox = new Sandbox();
        var path = Path.Combine(sandbox.Root, "scenarios", "sso", "latin1.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Baseline.Replace("title: t", "title: caf", StringComparison.Ordinal)).SelectMany<byte, byte>(b => b == (byte)'f' ? [b, 0xE9] : [b])]);

        var (code, _, errors) = await sandbox.RunAsync("validate");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(errors, Does.Contain("latin1.yaml:2:").And.Contain("the file is not UTF-8: byte 0xE9"));
    }

    [TestCase("folder", "this is a folder")]
    [TestCase("name: x\nstart: { command: sleep, args: [\"30\"], startTimeoutSeconds: 1 }", "start: 'sleep' did not become ready (no line matching readyPattern within 1 s)")]
    [TestCase("name: x\ncontrol: { baseUrl: \"http://127.0.0.1:9\", capabilities: [rest] }", "unknown control capability 'rest'")]
    [TestCase("name: x\nscim: { baseUrl: \"http://127.0.0.1:9/scim\", token: [a] }", "expects text")]
    [TestCase("name: x\nscim: { baseUrl: \"file:///etc/passwd\", token: t0123456789 }", "baseUrl 'file:///etc/passwd' is not an http(s) address")]
    [TestCase("name: x\nscim: { baseUrl: \"not a url\", token: t0123456789 }", "baseUrl 'not a url' is not an http(s) address")]
    [TestCase("name: x\nscim: { baseUrl: \"http://127.0.0.1:9/scim\", token: t0123456789, timeoutSeconds: -1 }", "timeoutSeconds must be a whole number of seconds from 1")]
    [TestCase("name: x\nscim: { baseUrl: \"http://127.0.0.1:9/scim\", token: \"t0123456789\\n\" }", "token holds a space or a line break")]
    [TestCase("name: x\nidp: { app: \"blue jeans\" }", "app 'blue jeans' is not an IdP URL suffix")]
    public async Task TargetMistake_ExitsTwoNamingIt(string target, string message)
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/case.yaml", Baseline);
        var path = Path.Combine(sandbox.Root, "mocks", "targets", "case");
        if (target == "folder")
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            File.WriteAllText(path, target);
        }

        var (code, _, errors) = await sandbox.RunAsync("run", "--target", path);

        Assert.That(code, Is.EqualTo(2), errors);
        Assert.That(errors, Does.Contain(message).And.Not.Contain("   at "));
    }

    [TestCase("run scenarios/sso/case.yaml", "'run' takes no file or word 'scenarios/sso/case.yaml'")]
    [TestCase("run --expected-failures nowhere.yaml", "names 'nowhere.yaml', which is not a file")]
    [TestCase("run --expected-failures EF", "expected failures name scenarios that do not exist: sso.nosuch")]
    [TestCase("run --namespace UPPER", "option '--namespace' expects")]
    [TestCase("list extra", "'list' takes no file or word 'extra'")]
    [TestCase("serve idp --port 99999", "option '--port' expects a TCP port from 0")]
    [TestCase("idp metadata --app a/b", "--app 'a/b' is not an IdP URL suffix")]
    [TestCase("run --workers 0", "option '--workers' expects a whole number from 1 to 16")]
    [TestCase("run --seed abc", "--seed:1:1: option '--seed' expects a whole number, got 'abc'")]
    [TestCase("run --bogus", "--bogus:1:1: unknown option '--bogus' for 'run'; known: --scenarios,")]
    [TestCase("report merge somewhere", "--out:1:1: Option '--out' is required.")]
    [TestCase("certify verify", "FILE.zip:1:1: Required argument 'FILE.zip' missing")]
    [TestCase("serve", "serve:1:1: Required command was not provided.")]
    [TestCase("frobnicate", "frobnicate:1:1: unknown command 'frobnicate'; commands: run, list,")]
    [TestCase("run --workers 2 --target VENDOR", "'Vendor SP' is an SP the harness does not start: its scenarios run one at a time")]
    [TestCase("run --out /proc/1/x", "the reports folder '/proc/1/x' cannot be written")]
    public async Task CommandLineMistake_ExitsTwoNamingIt(string line, string message)
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/case.yaml", Baseline);
        var expectedFailures = Path.Combine(sandbox.Root, "ef.yaml");
        File.WriteAllText(expectedFailures, "- id: sso.nosuch\n  reason: a typo\n");

        var vendor = Path.Combine(sandbox.Root, "vendor.yaml");
        File.WriteAllText(vendor, "name: Vendor SP\nscim: { baseUrl: \"http://127.0.0.1:9/scim\", token: t0123456789 }\n");
        var (code, _, errors) = await sandbox.RunAsync([.. line.Split(' ').Select(a => a switch { "EF" => expectedFailures, "VENDOR" => vendor, _ => a })]);

        Assert.That(code, Is.EqualTo(2), errors);
        Assert.That(errors, Does.Contain(message).And.Not.Contain("   at "));
    }
}
