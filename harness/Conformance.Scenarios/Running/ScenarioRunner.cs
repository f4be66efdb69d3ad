using System.Text.Json.Nodes;
using Conformance.Browser;
using Conformance.Core.Http;
using Conformance.Results;
using Conformance.Scenarios.Checks;
using Conformance.Scenarios.Data;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Running;

/// <summary>
/// Runs scenarios (one after another, or on several workers each with its own SP): skips those whose needs the target lacks, runs every step's
/// action, evaluates all of the step's checks, and turns what happened into results. An SP fault
/// fails a step; anything else thrown is a harness error (errored), never an SP failure.
/// </summary>
public sealed class ScenarioRunner(StepLibrary library, RunOptions options, IScenarioEnvironment? environment = null, IRunObserver? observer = null, Redactor? redactor = null)
{
    private readonly IReadOnlySet<string> _capabilities = TargetLoader.Capabilities(options.Target);

    private string? TargetToken => options.Target.Scim?.Token;

    /// <summary>The run's one redactor: the SP session registers its token here before anything is captured.</summary>
    public Redactor Redactor { get; } = redactor ?? new();

    public Task<RunResult> RunAsync(IReadOnlyList<Scenario> scenarios, string runId, CancellationToken cancellationToken) =>
        RunAsync(scenarios, runId, [], cancellationToken);

    /// <summary>
    /// Runs the scenarios on this runner and on <paramref name="helpers"/> at once, each worker against an SP of its own
    /// and taking the next scenario as it finishes one. Every scenario's users come from the seed, not from the worker
    /// or the order, so the results are those of a serial run; they are listed in the scenarios' order.
    /// </summary>
    public async Task<RunResult> RunAsync(IReadOnlyList<Scenario> scenarios, string runId, IReadOnlyList<ScenarioRunner> helpers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(helpers);
        ScenarioRunner[] workers = [this, .. helpers];
        foreach (var worker in workers)
        {
            worker.Redactor.AddSecret(worker.TargetToken);
        }
        var start = options.Time.GetUtcNow();
        var results = new ScenarioResult?[scenarios.Count];
        var next = -1;
        async Task WorkAsync(ScenarioRunner worker)
        {
            // One chromium per worker for the whole run, started by its first browser step and closed when the worker is done.
            var browser = new BrowserHost(Chromium.Path);
            await using (browser.ConfigureAwait(false))
            {
                int index;
                while (!cancellationToken.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < scenarios.Count)
                {
                    results[index] = await worker.RunScenarioAsync(scenarios[index], browser, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        await Task.WhenAll(workers.Select(WorkAsync)).ConfigureAwait(false);
        var run = new RunResult
        {
            RunId = runId,
            Seed = options.Seed,
            Namespace = options.Namespace.ToString(),
            Target = options.Target.Name,
            Start = start,
            End = options.Time.GetUtcNow(),
            Scenarios = [.. results.OfType<ScenarioResult>()],
            HarnessVersion = HarnessInfo.Version,
            Commit = HarnessInfo.Commit,
            Shard = options.Shard,
            Interrupted = cancellationToken.IsCancellationRequested,
        };
        return run with { Guide = GuideReading.Of(run) };
    }

    /// <summary>Runs one scenario on its own: a browser step starts a chromium for it, closed when it ends.</summary>
    public async Task<ScenarioResult> RunScenarioAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var browser = new BrowserHost(Chromium.Path);
        await using (browser.ConfigureAwait(false))
        {
            return await RunScenarioAsync(scenario, browser, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ScenarioResult> RunScenarioAsync(Scenario scenario, BrowserHost browser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        observer?.ScenarioStarted(scenario);
        var start = options.Time.GetUtcNow();
        var missing = scenario.Needs.Where(n => !_capabilities.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            return Finish(Base(scenario, start) with
            {
                Outcome = Outcome.Skipped,
                Reason = $"target '{options.Target.Name}' lacks {string.Join(", ", missing)}",
            });
        }
        var context = new ScenarioContext(scenario, options.Target, _capabilities, options.Time, Redactor, options.RunFolder, options.Namespace) { Browser = browser };
        if (options.Target.Limits.UserNameMaxLength is { } limit)
        {
            context.Set(ScenarioValues.LimitsUserNameMaxLength, limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var steps = new List<StepResult>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ScenarioTimeout);
        IAsyncDisposable? prepared = null;
        try
        {
            SeedUsers(scenario, context);
            prepared = environment is null ? null : await environment.PrepareAsync(context, timeout.Token).ConfigureAwait(false);
            var stop = false;
            for (var index = 0; index < scenario.Steps.Count; index++)
            {
                var spec = scenario.Steps[index];
                if (stop)
                {
                    steps.Add(SkippedStep(spec, index, context));
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                var step = await RunStepAsync(spec, index, context, timeout.Token).ConfigureAwait(false);
                steps.Add(step);
                cancellationToken.ThrowIfCancellationRequested();
                observer?.StepFinished(scenario, step);
                stop = step.Error is not null;
            }
            // A step the target could not support leaves the scenario unproven (skipped, named) unless something failed.
            var unsupported = steps.FirstOrDefault(s => s.Outcome == Outcome.Skipped && s.Error is not null)?.Error;
            return Finish(await CleanUpAsync(context, Base(scenario, start) with
            {
                Steps = steps,
                Outcome = unsupported is not null ? steps.Max(s => s.Outcome) : Combine(steps.Select(s => s.Outcome)),
                Reason = unsupported,
                Users = [.. context.Users.Select(u => u.Username)],
            }).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: the scenario is reported as it stood (an error of the run, not the SP's failure), and
            // the tenant is still cleaned.
            return Finish(await CleanUpAsync(context, Base(scenario, start) with
            {
                Steps = steps,
                Outcome = Outcome.Errored,
                Reason = $"interrupted (Ctrl+C or SIGTERM) after {steps.Count} of {scenario.Steps.Count} steps; the run stopped here",
            }).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            // An SP fault outside a step (its control API would not reset) is the SP's failure, named; the rest is ours.
            return Finish(await CleanUpAsync(context, Base(scenario, start) with
            {
                Steps = steps,
                Outcome = ex is SpFaultException ? Outcome.Failed : Outcome.Errored,
                Reason = Redactor.Redact(ex is SpFaultException ? $"the SP failed while the scenario was being prepared: {ex.Message}" : $"harness error: {ex.GetType().Name}: {ex.Message}"),
            }).ConfigureAwait(false));
        }
        finally
        {
            await context.DisposeOwnedAsync().ConfigureAwait(false);
            if (prepared is not null)
            {
                await prepared.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Deletes what the scenario created in the SP, with a budget of its own so that Ctrl+C, SIGTERM or a scenario
    /// timeout still leaves the tenant clean; what stays is reported on the result.
    /// </summary>
    private async Task<ScenarioResult> CleanUpAsync(ScenarioContext context, ScenarioResult result)
    {
        using var budget = new CancellationTokenSource(options.CleanupTimeout);
        var unrestored = new List<string>();
        foreach (var restore in context.Restorers)
        {
            try
            {
                await restore(budget.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SpFaultException or OperationCanceledException)
            {
                unrestored.Add($"the SP's setting changed by the scenario could not be put back: {e.Message}");
            }
        }
        if (options.KeepData)
        {
            return unrestored.Count == 0 ? result : result with { Leftovers = unrestored };
        }
        try
        {
            var (removed, leftovers) = await ScimCleanup.RunAsync(context, budget.Token).ConfigureAwait(false);
            return result with { CleanedUp = removed, Leftovers = [.. unrestored, .. leftovers.Select(l => Redactor.Redact(l) ?? l)] };
        }
        catch (OperationCanceledException)
        {
            return result with { Leftovers = [.. unrestored, $"the clean-up did not finish within {options.CleanupTimeout.TotalSeconds:0} s"] };
        }
    }

    /// <summary>The worst of what was evaluated; skipped only when nothing was (a check the target cannot support is named, not counted).</summary>
    private static Outcome Combine(IEnumerable<Outcome> outcomes)
    {
        var list = outcomes.ToList();
        return list.Count == 0 ? Outcome.Passed : list.All(o => o == Outcome.Skipped) ? Outcome.Skipped : list.Where(o => o != Outcome.Skipped).Max();
    }

    private ScenarioResult Finish(ScenarioResult result)
    {
        var finished = options.ExpectedFailures.Apply(result with { End = options.Time.GetUtcNow() });
        observer?.ScenarioFinished(finished);
        return finished;
    }

    private static ScenarioResult Base(Scenario scenario, DateTimeOffset start) => new()
    {
        Id = scenario.Id,
        Title = scenario.Title,
        Area = scenario.Area,
        Tags = scenario.Tags,
        Requirements = scenario.Requirements,
        File = scenario.Location.File,
        Start = start,
        End = start,
    };

    private void SeedUsers(Scenario scenario, ScenarioContext context)
    {
        var users = UserFactory.Create(scenario.Data, options.Seed, options.Namespace, options.Target.Limits.UserNameMaxLength ?? UserFactory.UsernameLimit);
        foreach (var user in users)
        {
            Redactor.AddSecret(user.Password);
            context.Directory.AddUser(user);
        }
        context.Users = users;
        foreach (var group in scenario.Data.Groups)
        {
            var added = context.Directory.AddGroup(context.Directory.NewGroupId(), options.Namespace.Apply(group.Name));
            var members = group.Members.Contains("*") ? users.Select(u => u.Username) : group.Members;
            foreach (var member in members)
            {
                context.Directory.AddMember(added.Id, options.Namespace.Apply(context.Expand(member)));
            }
        }
    }

    private async Task<StepResult> RunStepAsync(StepSpec spec, int index, ScenarioContext context, CancellationToken cancellationToken)
    {
        var start = options.Time.GetUtcNow();
        var marks = Marks.Of(context);
        context.StepExchangesStart = marks.Exchanges;
        string? error = null;
        string? skipped = null;
        var errored = false;
        try
        {
            var action = library.Actions.Find(spec.Action) ?? throw new InvalidOperationException($"unknown action '{spec.Action}'");
            var input = BindExpanded(action.InputType, spec.Inputs, $"action '{spec.Action}'", context);
            await action.ExecuteAsync(input, context, cancellationToken).ConfigureAwait(false);
            await context.SettleAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SpFaultException ex)
        {
            error = ex.Message;
        }
        catch (CapabilityMissingException ex)
        {
            skipped = ex.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = $"the scenario did not finish within {options.ScenarioTimeout.TotalSeconds:0} s (or the run was stopped)";
        }
        catch (Exception ex) when (ex is InputException or KeyNotFoundException)
        {
            error = $"bad scenario input at {spec.Location}: {ex.Message}";
            errored = true;
        }
        catch (Exception ex)
        {
            error = $"harness error in '{spec.Action}': {ex.GetType().Name}: {ex.Message}";
            errored = true;
        }
        if (skipped is not null)
        {
            return SkippedStep(spec, index, context, $"not evaluated: {skipped}") with { Error = skipped, Start = start, Evidence = marks.EvidenceSince(context) };
        }
        var checks = new List<CheckResult>();
        foreach (var check in spec.Checks.TakeWhile(_ => !cancellationToken.IsCancellationRequested))
        {
            checks.Add(await EvaluateAsync(check, context, cancellationToken).ConfigureAwait(false));
        }
        var outcome = errored ? Outcome.Errored
            : error is not null ? Outcome.Failed
            : Combine(checks.Select(c => c.Outcome));
        return new StepResult
        {
            Index = index,
            Action = spec.Action,
            Name = spec.Name,
            Start = start,
            End = options.Time.GetUtcNow(),
            Checks = checks,
            Evidence = marks.EvidenceSince(context),
            Error = Redactor.Redact(error),
            Outcome = outcome,
            Location = spec.Location,
        };
    }

    private async Task<CheckResult> EvaluateAsync(CheckSpec spec, ScenarioContext context, CancellationToken cancellationToken)
    {
        var result = new CheckResult
        {
            Name = spec.Name,
            Condition = spec.Condition,
            Severity = spec.Severity,
            Requirement = spec.Requirement,
            Expected = spec.Expected.Describe(),
            Location = spec.Location,
        };
        Observation observation;
        JsonNode? expected;
        bool matched;
        var lacking = spec.Needs.Concat(library.Conditions.Find(spec.Condition)?.Needs ?? []).Where(n => !_capabilities.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        if (lacking.Count > 0)
        {
            return result with { Outcome = Outcome.Skipped, Actual = "(not evaluated)", Message = $"not evaluated: target '{options.Target.Name}' lacks {string.Join(", ", lacking)}" };
        }
        try
        {
            var condition = library.Conditions.Find(spec.Condition) ?? throw new InvalidOperationException($"unknown condition '{spec.Condition}'");
            var input = BindExpanded(condition.InputType, spec.Inputs, $"condition '{spec.Condition}'", context);
            observation = await condition.ObserveAsync(input, context, cancellationToken).ConfigureAwait(false);
            expected = ExpandJson(spec.Expected.Value, context);
            matched = Comparison.Matches(spec.Expected.Match, observation.Value, expected);
        }
        catch (SpFaultException ex)
        {
            return result with { Message = Redactor.Redact(ex.Message) };
        }
        catch (CapabilityMissingException ex)
        {
            return result with { Outcome = Outcome.Skipped, Message = $"not evaluated: {ex.Message}" };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return result with { Outcome = Outcome.Errored, Message = Redactor.Redact($"harness error evaluating '{spec.Condition}': {ex.GetType().Name}: {ex.Message}") };
        }
        return result with
        {
            Expected = new ExpectedValue(spec.Expected.Match, spec.Expected.Value.MapScalars(s => s with { Value = context.Expand(s.Value) })).Describe(),
            Actual = Redactor.Redact(ExpectedValue.Render(observation.Value)) ?? "",
            Outcome = observation.Inconclusive ? Outcome.Inconclusive : matched ? Outcome.Passed : spec.Severity switch
            {
                Severity.Failure => observation.WarningOnly ? Outcome.Warning : Outcome.Failed,
                Severity.Warning => Outcome.Warning,
                _ => Outcome.Passed,
            },
            Message = Redactor.Redact(observation.Detail),
        };
    }

    private static object BindExpanded(Type type, InputNode inputs, string what, ScenarioContext context)
    {
        var problems = new List<Problem>();
        var expanded = inputs.MapScalars(s => s with { Value = context.Expand(s.Value) });
        var bound = InputBinder.Bind(type, expanded, what, problems);
        return problems.Count > 0 ? throw new InputException(problems) : Marked(bound, context.Namespace);
    }

    /// <summary>Puts the run's mark on inputs that name the scenario's own users and groups (<see cref="RunMarkedAttribute"/>).</summary>
    private static object Marked(object input, Core.Directories.RunNamespace ns)
    {
        if (ns.IsNone)
        {
            return input;
        }
        foreach (var property in InputBinder.Inputs(input.GetType()).Where(p => p.IsDefined(typeof(RunMarkedAttribute), inherit: false)))
        {
            property.SetValue(input, property.GetValue(input) switch
            {
                string name => ns.Apply(name),
                IReadOnlyList<string> names => names.Select(ns.Apply).ToList(),
                var other => other,
            });
        }
        return input;
    }

    private static JsonNode? ExpandJson(InputNode value, ScenarioContext context) =>
        value.MapScalars(s => s with { Value = context.Expand(s.Value) }).ToJson();

    private StepResult SkippedStep(StepSpec spec, int index, ScenarioContext context, string why = "not evaluated: an earlier step of this scenario could not run") => new()
    {
        Index = index,
        Action = spec.Action,
        Name = spec.Name,
        Start = options.Time.GetUtcNow(),
        End = options.Time.GetUtcNow(),
        Outcome = Outcome.Skipped,
        Checks = [.. spec.Checks.Select(c => new CheckResult
        {
            Name = c.Name,
            Condition = c.Condition,
            Severity = c.Severity,
            Requirement = c.Requirement,
            Expected = c.Expected.Describe(),
            Outcome = Outcome.Skipped,
            Message = why,
            Location = c.Location,
        })],
        Location = spec.Location,
    };

    /// <summary>Positions in the scenario's journals when a step started, so its evidence is what came after.</summary>
    private sealed record Marks(int Exchanges, int Saml, int Insights, int Notes, int Screenshots, int Traces)
    {
        public static Marks Of(ScenarioContext c) =>
            new(c.Exchanges.Count, c.SamlMessages.Count, c.InsightsSeen.Count, c.Notes.Count, c.Screenshots.Count, c.Traces.Count);

        public Evidence EvidenceSince(ScenarioContext c) => new()
        {
            Exchanges = c.Exchanges.Since(Exchanges),
            SamlMessages = c.SamlMessages.Since(Saml),
            Insights = c.InsightsSeen.Since(Insights),
            Notes = c.Notes.Since(Notes),
            Screenshots = c.Screenshots.Since(Screenshots),
            Traces = c.Traces.Since(Traces),
        };
    }
}
