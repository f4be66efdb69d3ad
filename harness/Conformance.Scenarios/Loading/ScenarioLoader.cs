using Conformance.Results;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Steps;
using YamlDotNet.RepresentationModel;

namespace Conformance.Scenarios.Loading;

/// <summary>
/// Reads scenario files and validates them whole: YAML syntax, fields, action and condition
/// names, input types, requirement quotes and unique ids. Every problem is collected with its
/// file:line:column; nothing runs unless there are none.
/// </summary>
public sealed partial class ScenarioLoader(StepLibrary library, SeedGuide guide)
{
    private static readonly string[] ScenarioKeys = ["id", "title", "area", "tags", "requirements", "needs", "data", "steps"];
    private static readonly string[] StepKeys = ["do", "name", "with", "expect"];
    private static readonly string[] CheckKeys = ["check", "name", "with", "expected", "contains", "excludes", "atLeast", "atMost", "severity", "requirement", "needs"];
    private static readonly string[] RequirementKeys = ["seed", "rfc7643", "rfc7644", "saml"];

    public sealed record LoadResult(IReadOnlyList<Scenario> Scenarios, IReadOnlyList<Problem> Problems);

    /// <summary>Loads every file; duplicate ids across files are problems too.</summary>
    public LoadResult Load(IEnumerable<string> files) => Load(files, file => file);

    /// <summary>Loads every file, naming each in messages and results as <paramref name="display"/> says (e.g. relative to the repository).</summary>
    public LoadResult Load(IEnumerable<string> files, Func<string, string> display)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(display);
        var problems = new List<Problem>();
        var scenarios = new List<Scenario>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = Yaml.ReadText(file, display(file));
            }
            catch (InputException ex)
            {
                problems.AddRange(ex.Problems);
                continue;
            }
            scenarios.AddRange(Parse(display(file), text, problems));
        }
        var seen = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            if (!seen.TryAdd(scenario.Id, scenario))
            {
                problems.Add(new Problem(scenario.Location, $"duplicate scenario id '{scenario.Id}' (first defined at {seen[scenario.Id].Location})"));
            }
        }
        return new LoadResult(scenarios, problems);
    }

    /// <summary>Parses one file's text (one or more YAML documents, one scenario each).</summary>
    public IReadOnlyList<Scenario> Parse(string file, string text, List<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        YamlStream stream;
        try
        {
            stream = Yaml.Load(text ?? "", file);
        }
        catch (InputException ex)
        {
            problems.AddRange(ex.Problems);
            return [];
        }
        var result = new List<Scenario>();
        foreach (var document in stream.Documents)
        {
            InputNode root;
            try
            {
                root = Yaml.ToInputNode(document.RootNode, file);
            }
            catch (InputException ex)
            {
                problems.AddRange(ex.Problems);
                continue;
            }
            if (ParseScenario(root, problems) is { } scenario)
            {
                result.Add(scenario);
            }
        }
        if (stream.Documents.Count == 0)
        {
            problems.Add(new Problem(new SourceLocation(file, 1, 1), "the file holds no scenario"));
        }
        return result;
    }

    private Scenario? ParseScenario(InputNode root, List<Problem> problems)
    {
        if (root is not InputNode.Mapping map)
        {
            problems.Add(new Problem(root.Location, "a scenario must be a mapping with id, title, area and steps"));
            return null;
        }
        UnknownKeys(map, ScenarioKeys, "scenario", problems);
        var id = RequiredText(map, "id", "scenario", problems);
        var title = RequiredText(map, "title", "scenario", problems);
        var areaNode = Required(map, "area", "scenario", problems);
        var area = areaNode is null ? Area.Sso : (Area)InputBinder.Bind(typeof(Area), areaNode, "field 'area'", problems);
        var tags = TextList(map["tags"], "field 'tags'", problems);
        var needs = TextList(map["needs"], "field 'needs'", problems);
        var requirements = map["requirements"] is InputNode.Sequence rs
            ? rs.Items.Select(r => ParseRequirement(r, problems)).OfType<Requirement>().ToList()
            : [];
        if (map["requirements"] is { } rn and not InputNode.Sequence)
        {
            problems.Add(new Problem(rn.Location, "field 'requirements' expects a list of {seed: …} or {rfc7644: …} entries"));
        }
        var data = map["data"] is { } dataNode ? (TestDataSpec)InputBinder.Bind(typeof(TestDataSpec), dataNode, "field 'data'", problems) : new TestDataSpec();
        if (map["data"] is InputNode.Mapping dataMap)
        {
            CheckData(data, dataMap, problems);
        }
        CheckTemplates(map["steps"], data, problems);
        CheckTemplates(map["data"], data, problems);
        var steps = new List<StepSpec>();
        switch (Required(map, "steps", "scenario", problems))
        {
            case InputNode.Sequence seq:
                steps.AddRange(seq.Items.Select(s => ParseStep(s, problems)).OfType<StepSpec>());
                if (seq.Items.Count == 0)
                {
                    problems.Add(new Problem(seq.Location, "a scenario needs at least one step"));
                }
                break;
            case { } other:
                problems.Add(new Problem(other.Location, "field 'steps' expects a list of steps"));
                break;
        }
        return id is null || title is null
            ? null
            : new Scenario
            {
                Id = id,
                Title = title,
                Area = area,
                Tags = tags,
                // What the steps use is needed whether or not the file says so; needs: may only add to it.
                Needs = [.. needs.Concat(steps.SelectMany(st => library.Actions.Find(st.Action)?.Needs ?? [])).Distinct(StringComparer.Ordinal)],
                Requirements = requirements,
                Data = data,
                Steps = steps,
                Location = map.Location,
            };
    }

    private StepSpec? ParseStep(InputNode node, List<Problem> problems)
    {
        if (node is not InputNode.Mapping map)
        {
            problems.Add(new Problem(node.Location, "a step must be a mapping with 'do:' and optional 'with:' and 'expect:'"));
            return null;
        }
        UnknownKeys(map, StepKeys, "step", problems);
        var actionName = RequiredText(map, "do", "step", problems);
        var inputs = map["with"] ?? InputNode.Empty(map.Location);
        if (actionName is not null)
        {
            var action = library.Actions.Find(actionName);
            if (action is null)
            {
                problems.Add(new Problem(map["do"]!.Location, $"unknown action '{actionName}'{Suggest(actionName, library.Actions.Names)}; known actions: {string.Join(", ", library.Actions.Names)}"));
            }
            else
            {
                InputBinder.Bind(action.InputType, inputs, $"action '{actionName}'", problems);
            }
        }
        var checks = new List<CheckSpec>();
        switch (map["expect"])
        {
            case InputNode.Sequence seq:
                checks.AddRange(seq.Items.Select(c => ParseCheck(c, problems)).OfType<CheckSpec>());
                break;
            case { } other:
                problems.Add(new Problem(other.Location, "'expect' takes a list of checks"));
                break;
        }
        return actionName is null
            ? null
            : new StepSpec { Action = actionName, Name = Text(map["name"]), Inputs = inputs, Checks = checks, Location = map.Location };
    }

    /// <summary>What run would refuse later (or choke on): found now, with the line, so validate and run agree.</summary>
    private static void CheckData(TestDataSpec data, InputNode.Mapping map, List<Problem> problems)
    {
        if (data.Count is < 0 or > Data.UserFactory.MaxUsers)
        {
            problems.Add(new Problem(map["count"]?.Location ?? map.Location, $"data.count must be between 0 and {Data.UserFactory.MaxUsers}, not {data.Count}"));
        }
        if (map["edgeCases"] is InputNode.Sequence cases)
        {
            foreach (var item in cases.Items.OfType<InputNode.Scalar>().Where(c => !Data.UserFactory.EdgeCases.ContainsKey(c.Value)))
            {
                problems.Add(new Problem(item.Location, $"unknown edge case '{item.Value}'; known: {string.Join(", ", Data.UserFactory.EdgeCases.Keys)}"));
            }
        }
    }

    /// <summary>
    /// Every <c>${…}</c> names something the run will have: a value the harness or a step sets, <c>target.name</c>,
    /// <c>mark:NAME</c>, or a property of one of the scenario's users; an unclosed one is a typo, not literal text.
    /// </summary>
    private static void CheckTemplates(InputNode? node, TestDataSpec data, List<Problem> problems)
    {
        if (node is null)
        {
            return;
        }
        var userCount = data.Count + data.EdgeCases.Count + data.Users.Count;
        node.MapScalars(scalar =>
        {
            var rest = Template().Replace(scalar.Value, "");
            if (rest.Contains("${", StringComparison.Ordinal))
            {
                problems.Add(new Problem(scalar.Location, $"'{scalar.Value}' opens '${{' without closing it with '}}'"));
            }
            foreach (var name in Template().Matches(scalar.Value).Select(m => m.Groups[1].Value))
            {
                if (TemplateProblem(name, userCount) is { } problem)
                {
                    problems.Add(new Problem(scalar.Location, problem));
                }
            }
            return scalar;
        });
    }

    private static string? TemplateProblem(string name, int userCount)
    {
        if (Running.ScenarioValues.All.Contains(name) || name == "target.name" || name.StartsWith("mark:", StringComparison.Ordinal))
        {
            return null;
        }
        var user = UserTemplate().Match(name);
        if (!user.Success)
        {
            return $"'${{{name}}}' names nothing a run sets{Suggest(name, Running.ScenarioValues.All)}; known: {string.Join(", ", Running.ScenarioValues.All)}, users[i].<property>, target.name, mark:<name>";
        }
        var index = int.Parse(user.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var property = user.Groups[2].Value;
        if (Running.UserTemplates.Property(property) is null)
        {
            return $"'${{{name}}}': users have no property '{property}'; they have {string.Join(", ", Running.UserTemplates.Names)}";
        }
        return index < userCount ? null : $"'${{{name}}}': the scenario has {userCount} users (data.count, edgeCases and users), so users[{index}] does not exist";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial System.Text.RegularExpressions.Regex Template();

    [System.Text.RegularExpressions.GeneratedRegex(@"^users\[(\d+)\]\.([A-Za-z]+)$")]
    private static partial System.Text.RegularExpressions.Regex UserTemplate();

    /// <summary>An expectation that can never be met by what the condition observes is a typo in the scenario, not the SP's failure.</summary>
    private static string? ExpectationProblem(Checks.ICondition condition, string key, InputNode value)
    {
        if (InputBinder.IsTemplate(value))
        {
            return null;
        }
        var isNumber = value is InputNode.Scalar { Quoted: false } n && double.TryParse(n.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
        var isBoolean = value is InputNode.Scalar { Quoted: false, Value: "true" or "false" };
        return (key, condition.Observes) switch
        {
            ("atLeast" or "atMost", _) when !isNumber => $"'{key}' takes a number",
            ("expected", Checks.Observed.Boolean) when !isBoolean => $"'{condition.Name}' observes true or false; this expected value can never match",
            ("contains" or "excludes" or "atLeast" or "atMost", Checks.Observed.Boolean) => $"'{condition.Name}' observes true or false: use 'expected: true' or 'expected: false', not '{key}'",
            ("expected", Checks.Observed.Number) when !isNumber => $"'{condition.Name}' observes a number; this expected value can never match",
            _ => null,
        };
    }

    private CheckSpec? ParseCheck(InputNode node, List<Problem> problems)
    {
        if (node is not InputNode.Mapping map)
        {
            problems.Add(new Problem(node.Location, "a check must be a mapping with 'check:', 'name:' and an expected value"));
            return null;
        }
        UnknownKeys(map, CheckKeys, "check", problems);
        var conditionName = RequiredText(map, "check", "check", problems);
        var name = RequiredText(map, "name", "check", problems);
        var inputs = map["with"] ?? InputNode.Empty(map.Location);
        if (conditionName is not null)
        {
            var condition = library.Conditions.Find(conditionName);
            if (condition is null)
            {
                problems.Add(new Problem(map["check"]!.Location, $"unknown condition '{conditionName}'{Suggest(conditionName, library.Conditions.Names)}; known conditions: {string.Join(", ", library.Conditions.Names)}"));
            }
            else
            {
                InputBinder.Bind(condition.InputType, inputs, $"condition '{conditionName}'", problems);
            }
        }
        var expectations = map.Entries.Where(e => e.Key is "expected" or "contains" or "excludes" or "atLeast" or "atMost").ToList();
        if (expectations.Count != 1)
        {
            problems.Add(new Problem(map.Location, "a check needs exactly one of 'expected', 'contains', 'excludes', 'atLeast', 'atMost'"));
        }
        if (expectations.Count == 1 && conditionName is not null && library.Conditions.Find(conditionName) is { } observed
            && ExpectationProblem(observed, expectations[0].Key, expectations[0].Value) is { } mismatch)
        {
            problems.Add(new Problem(expectations[0].Value.Location, mismatch));
        }
        var severity = map["severity"] is { } sev ? (Severity)InputBinder.Bind(typeof(Severity), sev, "field 'severity'", problems) : Severity.Failure;
        var requirement = map["requirement"] is { } req ? ParseRequirement(req, problems) : null;
        var needs = TextList(map["needs"], "field 'needs'", problems);
        if (conditionName is null || name is null || expectations.Count != 1)
        {
            return null;
        }
        var match = expectations[0].Key switch
        {
            "expected" => Match.Equals,
            "contains" => Match.Contains,
            "excludes" => Match.Excludes,
            "atLeast" => Match.AtLeast,
            _ => Match.AtMost,
        };
        return new CheckSpec
        {
            Name = name,
            Condition = conditionName,
            Inputs = inputs,
            Expected = new ExpectedValue(match, expectations[0].Value),
            Severity = severity,
            Requirement = requirement,
            Needs = needs,
            Location = map.Location,
        };
    }

    private Requirement? ParseRequirement(InputNode node, List<Problem> problems)
    {
        if (node is InputNode.Mapping { Entries.Count: 2 } pair && pair.Entries.Select(e => e.Key).Order(StringComparer.Ordinal).SequenceEqual(["seed", "under"])
            && pair.Entries.All(e => e.Value is InputNode.Scalar))
        {
            var quote = (InputNode.Scalar)pair.Entries.Single(e => e.Key == "seed").Value;
            var under = (InputNode.Scalar)pair.Entries.Single(e => e.Key == "under").Value;
            return Seed(quote, guide.Find(quote.Value, under.Value), $" under the line \"{under.Value}\"", problems);
        }
        if (node is not InputNode.Mapping { Entries.Count: 1 } map || map.Entries[0].Value is not InputNode.Scalar value
            || !RequirementKeys.Contains(map.Entries[0].Key))
        {
            problems.Add(new Problem(node.Location, "a requirement is one of {seed: \"quoted guide line\"} (with under: \"the section's heading\" for a step the guide repeats), {rfc7643: \"section\"}, {rfc7644: \"section\"}, {saml: \"Document section\"}"));
            return null;
        }
        var key = map.Entries[0].Key;
        if (key == "seed")
        {
            return Seed(value, guide.Find(value.Value), "", problems);
        }
        var source = key switch
        {
            "rfc7643" => RequirementSource.Rfc7643,
            "rfc7644" => RequirementSource.Rfc7644,
            _ => RequirementSource.Saml,
        };
        return new Requirement(source, value.Value);
    }

    private static Requirement? Seed(InputNode.Scalar quote, int? line, string where, List<Problem> problems)
    {
        if (line is null)
        {
            problems.Add(new Problem(quote.Location, $"the seed quote \"{quote.Value}\" is not a line of the integration guide (docs/seed/bluejeans-jumpcloud-guide.txt){where}"));
            return null;
        }
        return new Requirement(RequirementSource.Seed, quote.Value) { SeedLine = line };
    }

    private static void UnknownKeys(InputNode.Mapping map, string[] known, string what, List<Problem> problems)
    {
        foreach (var entry in map.Entries.Where(e => !known.Contains(e.Key)))
        {
            problems.Add(new Problem(entry.KeyLocation, $"unknown field '{entry.Key}' in {what}{Suggest(entry.Key, known)}; known fields: {string.Join(", ", known)}"));
        }
    }

    private static InputNode? Required(InputNode.Mapping map, string key, string what, List<Problem> problems)
    {
        var node = map[key];
        if (node is null)
        {
            problems.Add(new Problem(map.Location, $"{what} is missing required field '{key}'"));
        }
        return node;
    }

    private static string? RequiredText(InputNode.Mapping map, string key, string what, List<Problem> problems)
    {
        var node = Required(map, key, what, problems);
        if (node is null)
        {
            return null;
        }
        if (node is InputNode.Scalar { Value.Length: > 0 } s)
        {
            return s.Value;
        }
        problems.Add(new Problem(node.Location, $"field '{key}' of {what} expects text"));
        return null;
    }

    private static string? Text(InputNode? node) => node is InputNode.Scalar s ? s.Value : null;

    private static List<string> TextList(InputNode? node, string what, List<Problem> problems) =>
        node is not null && InputBinder.Bind(typeof(IReadOnlyList<string>), node, what, problems) is IReadOnlyList<string> list ? [.. list] : [];

    /// <summary>" (did you mean 'x'?)" for a near miss: a typo is the commonest cause.</summary>
    private static string Suggest(string wrong, IEnumerable<string> known)
    {
        var best = known.Select(k => (k, d: Distance(wrong, k))).OrderBy(t => t.d).FirstOrDefault();
        return best.k is not null && best.d <= Math.Max(2, wrong.Length / 4) ? $" (did you mean '{best.k}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
