using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Steps;

namespace Conformance.Scenarios.Tests.Loading;

public sealed class ScenarioLoaderTests
{
    private const string Valid = """
        id: sample.valid
        title: A valid scenario
        area: sso
        requirements:
          - seed: "Users are implicitly denied access to applications."
        steps:
          - do: app.create
            with:
              name: BlueJeans
              showInPortal: true
            expect:
              - check: app.exists
                name: The application exists
                with: { app: BlueJeans }
                expected: true
        """;

    private static List<Problem> Problems(string yaml, string file = "scenarios/sample.yaml")
    {
        var problems = new List<Problem>();
        new ScenarioLoader(StepLibrary.Discover(), SeedGuide.Embedded).Parse(file, yaml, problems);
        return problems;
    }

    [Test]
    public void Parse_ValidScenario_HasNoProblems()
    {
        Assert.That(Problems(Valid), Is.Empty);
    }

    [Test]
    public void Parse_AnAliasBomb_StopsAtTheNodeBudgetWithAClearProblem()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";

        var problems = Problems(bomb, "scenarios/bomb.yaml");

        Assert.That(problems.Single().ToString(), Does.StartWith("scenarios/bomb.yaml:").And.Contain($"more than {Yaml.MaxNodes} nodes"));
    }

    [TestCase("count: -5", "data.count must be between 0 and 100000, not -5")]
    [TestCase("count: 2000000000", "data.count must be between 0 and 100000")]
    [TestCase("edgeCases: [username-max, nosuch]", "unknown edge case 'nosuch'; known: username-max")]
    public void Parse_WithDataRunWouldRefuse_IsAProblemAtItsLine(string data, string message)
    {
        var problems = Problems($"id: d\ntitle: t\narea: scim\ndata:\n  {data}\nsteps:\n  - do: app.create\n    with: {{ name: BlueJeans }}\n");

        Assert.That(problems.Select(p => p.ToString()), Has.Some.StartWith("scenarios/sample.yaml:5:").And.Some.Contains(message));
    }

    [Test]
    public void Parse_AnUnclosedFlowMapping_IsAProblemNotACrash() =>
        Assert.That(Problems("id: x\nsteps: { a: b\n").Single().ToString(), Does.Contain("YAML is not well-formed"));

    [Test]
    public void Parse_ValidScenario_KeepsSeedLineOfRequirement()
    {
        var scenario = new ScenarioLoader(StepLibrary.Discover(), SeedGuide.Embedded).Parse("s.yaml", Valid, []).Single();

        Assert.That(scenario.Requirements.Single().Id, Does.StartWith("seed:L"));
    }

    [TestCase("", 18)]
    [TestCase("To deactivate the SSO Integration or Bookmark", 187)]
    public void Parse_ARepeatedGuideStepUnderASectionHeading_IsTheLineInThatSection(string under, int line)
    {
        var requirement = under.Length == 0 ? "- seed: \"Log in to the JumpCloud Admin Portal.\"" : $"- {{ seed: \"Log in to the JumpCloud Admin Portal.\", under: \"{under}\" }}";
        var yaml = Valid.Replace("- seed: \"Users are implicitly denied access to applications.\"", requirement, StringComparison.Ordinal);

        var scenario = new ScenarioLoader(StepLibrary.Discover(), SeedGuide.Embedded).Parse("s.yaml", yaml, []).Single();

        Assert.That(scenario.Requirements.Single().SeedLine, Is.EqualTo(line));
    }

    [Test]
    public void Parse_AGuideStepUnderAHeadingNotFollowedByIt_IsAProblem()
    {
        var yaml = Valid.Replace("- seed: \"Users are implicitly denied access to applications.\"",
            "- { seed: \"Click + Add New Application.\", under: \"To delete the application\" }", StringComparison.Ordinal);

        Assert.That(Problems(yaml).Single().ToString(), Does.Contain("is not a line of the integration guide").And.Contain("under the line \"To delete the application\""));
    }

    [Test]
    public void Parse_WithTypoInActionName_NamesLocationAndTheNearestAction()
    {
        var problems = Problems(Valid.Replace("do: app.create", "do: app.crate", StringComparison.Ordinal));

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            $"scenarios/sample.yaml:7:9: unknown action 'app.crate' (did you mean 'app.create'?); known actions: {string.Join(", ", StepLibrary.Discover().Actions.Names)}",
        }));
    }

    [Test]
    public void Parse_WithWrongInputType_NamesTheInputAndTheExpectedType()
    {
        var problems = Problems(Valid.Replace("showInPortal: true", "showInPortal: sometimes", StringComparison.Ordinal));

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "scenarios/sample.yaml:10:21: input 'showInPortal' of action 'app.create' expects true or false, got 'sometimes'",
        }));
    }

    [Test]
    public void Parse_WithMissingRequiredField_NamesTheField()
    {
        var problems = Problems(Valid.Replace("title: A valid scenario\n", "", StringComparison.Ordinal));

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[] { "scenarios/sample.yaml:1:1: scenario is missing required field 'title'" }));
    }

    [Test]
    public void Parse_WithMissingRequiredInput_NamesTheInput()
    {
        var problems = Problems(Valid.Replace("with: { app: BlueJeans }", "with: { }", StringComparison.Ordinal));

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[] { "scenarios/sample.yaml:14:15: condition 'app.exists' is missing required input 'app'" }));
    }

    [Test]
    public void Parse_WithBadIndentation_ReportsTheYamlErrorWhereItIs()
    {
        var problems = Problems(Valid.Replace("    with:\n      name: BlueJeans", "    with:\n    name: BlueJeans\n  oops: [", StringComparison.Ordinal));

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].ToString(), Does.Match(@"^scenarios/sample\.yaml:\d+:\d+: YAML is not well-formed: "));
    }

    [Test]
    public void Parse_WithUnknownField_SuggestsTheKnownOne()
    {
        var problems = Problems(Valid.Replace("area: sso", "area: sso\ntgas: [x]", StringComparison.Ordinal));

        Assert.That(problems.Single().ToString(), Does.StartWith("scenarios/sample.yaml:4:1: unknown field 'tgas' in scenario (did you mean 'tags'?)"));
    }

    [Test]
    public void Parse_WithMisquotedSeedLine_IsAProblem()
    {
        var problems = Problems(Valid.Replace("Users are implicitly denied", "Users are implicitly allowed", StringComparison.Ordinal));

        Assert.That(problems.Single().ToString(), Does.StartWith("scenarios/sample.yaml:5:11: the seed quote \"Users are implicitly allowed access to applications.\" is not a line of the integration guide"));
    }

    [Test]
    public void Parse_WithUnknownAreaValue_ListsTheAreas()
    {
        var problems = Problems(Valid.Replace("area: sso", "area: billing", StringComparison.Ordinal));

        Assert.That(problems.Single().ToString(), Is.EqualTo("scenarios/sample.yaml:3:7: field 'area' expects one of sso, scim, di, removal, security, got 'billing'"));
    }

    [Test]
    public void Parse_WithTwoExpectations_IsAProblem()
    {
        var problems = Problems(Valid.Replace("expected: true", "expected: true\n        contains: x", StringComparison.Ordinal));

        Assert.That(problems.Single().Message, Does.Contain("exactly one of 'expected', 'contains'"));
    }

    [Test]
    public void Parse_WithSeveralMistakes_ReportsEveryOne()
    {
        var broken = Valid
            .Replace("do: app.create", "do: app.crate", StringComparison.Ordinal)
            .Replace("check: app.exists", "check: app.exist", StringComparison.Ordinal)
            .Replace("area: sso", "area: nope", StringComparison.Ordinal);

        Assert.That(Problems(broken), Has.Count.EqualTo(3));
    }

    [Test]
    public void Load_WithDuplicateIdAcrossFiles_NamesBothPlaces()
    {
        var folder = Directory.CreateTempSubdirectory("scenarios-");
        try
        {
            var first = Path.Combine(folder.FullName, "a.yaml");
            var second = Path.Combine(folder.FullName, "b.yaml");
            File.WriteAllText(first, Valid);
            File.WriteAllText(second, Valid);

            var result = new ScenarioLoader(StepLibrary.Discover(), SeedGuide.Embedded).Load([first, second]);

            Assert.That(result.Problems.Select(p => p.ToString()), Is.EqualTo(new[] { $"{second}:1:1: duplicate scenario id 'sample.valid' (first defined at {first}:1:1)" }));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
