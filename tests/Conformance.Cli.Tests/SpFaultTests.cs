namespace Conformance.Cli.Tests;

/// <summary>
/// An SP that misbehaves on the wire fails the run (exit 1) with the fault named in the report, never a harness error
/// (exit 3) and never a hang; an SP that cannot be reached at the start is a wrong target (exit 2).
/// </summary>
public sealed class SpFaultTests
{
    private const string Push = """
        id: cli.push
        title: One user is pushed to the SP
        area: scim
        tags: [cli]
        needs: [scim]
        data:
          count: 1
          groups:
            - { name: Video Users, members: ["*"] }
        steps:
          - do: app.create
            with: { name: BlueJeans, ssoSuffix: bluejeans }
          - do: idm.configure
            with: { app: bluejeans }
          - do: idm.activate
            with: { app: bluejeans }
          - do: app.bind-group
            with: { app: bluejeans, group: Video Users }
            expect:
              - check: insights.count
                name: The user is created in the SP
                with: { type: user_create_provision, success: true }
                expected: 1
        """;

    [TestCase(Misbehaviour.Hang, "No answer from the SP within 1 s")]
    [TestCase(Misbehaviour.Drop, "gave up after")]
    [TestCase(Misbehaviour.Garbage, "The SP's answer is not JSON")]
    [TestCase(Misbehaviour.WrongType, "labelled 'text/html', not application/scim+json")]
    [TestCase(Misbehaviour.Refuse, "Connection refused")]
    [TestCase(Misbehaviour.Huge, "is larger than 16 MiB; it was not read")]
    [TestCase(Misbehaviour.WaitADay, "asked to wait 86400 s before retrying, longer than the 120 s the target allows")]
    public async Task Run_AgainstAnSpThatMisbehaves_FailsNamingTheFault(Misbehaviour misbehaviour, string named)
    {
        await using var sp = new MisbehavingSp(misbehaviour);
        using var sandbox = new Sandbox();
        sandbox.Scenario("scim/push.yaml", Push);
        var target = Target(sandbox, $"""
            name: Misbehaving SP
            scim: {"{"} baseUrl: "{sp.BaseUrl}/scim/v2", token: "token-0123456789abcdef", timeoutSeconds: 1, retryBackoffMilliseconds: 10 {"}"}
            """);

        var (code, output, errors) = await sandbox.RunAsync("run", "--target", target);

        Assert.That(code, Is.EqualTo(1), output + errors);
        Assert.That(output + errors, Does.Not.Contain("harness error"));
        var results = await File.ReadAllTextAsync(Path.Combine(sandbox.Latest, "results.json"));
        Assert.That(results, Does.Contain(named));
    }

    [Test]
    public async Task Run_WhenTheControlApiHangsMidRun_FailsTheScenarioNamingIt()
    {
        await using var sp = new MisbehavingSp(Misbehaviour.Hang);
        using var sandbox = new Sandbox();
        sandbox.Scenario("scim/push.yaml", Push);
        var target = Target(sandbox, $"""
            name: SP whose control API hangs
            control: {"{"} baseUrl: "{sp.BaseUrl}/_control", capabilities: [reset], timeoutSeconds: 1 {"}"}
            """);

        var (code, output, errors) = await sandbox.RunAsync("run", "--target", target, "--scenarios", "cli.push");

        Assert.That(code, Is.EqualTo(4), "the push scenario needs scim, which this target lacks: nothing evaluated\n" + output + errors);
        sandbox.Scenario("sso/app.yaml", """
            id: cli.app
            title: An application can be created
            area: sso
            tags: [cli]
            steps:
              - do: app.create
                with: { name: BlueJeans, ssoSuffix: bluejeans }
            """);

        (code, output, errors) = await sandbox.RunAsync("run", "--target", target, "--scenarios", "cli.app");

        Assert.That(code, Is.EqualTo(1), output + errors);
        var summary = await File.ReadAllTextAsync(Path.Combine(sandbox.Latest, "summary.md"));
        Assert.That(summary, Does.Contain("the SP's control API did not answer POST reset: no answer within 1 s"));
    }

    [Test]
    public async Task Run_WhenTheControlApiIsNotListening_ExitsTwoNamingTheField()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("scim/push.yaml", Push);
        var target = Target(sandbox, """
            name: SP without its control API
            control: { baseUrl: "http://127.0.0.1:9/_control", capabilities: [reset] }
            """);

        var (code, _, errors) = await sandbox.RunAsync("run", "--target", target);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(errors, Does.Contain("control.baseUrl http://127.0.0.1:9 cannot be reached"));
    }

    private static string Target(Sandbox sandbox, string yaml)
    {
        var path = Path.Combine(sandbox.Root, "mocks", "targets", "misbehaving.yaml");
        File.WriteAllText(path, yaml + "\n");
        return path;
    }
}
