using System.Globalization;
using System.Text.RegularExpressions;
using Conformance.Core;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Core.Insights;
using Conformance.Core.Saml;
using Conformance.IdP;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Targets;
using Conformance.Scim;

namespace Conformance.Scenarios.Running;

/// <summary>
/// Everything one scenario works with: a fresh organisation (directory, applications, DI log),
/// the target, what was observed so far, and named values steps hand to later steps.
/// </summary>
public sealed partial class ScenarioContext : IExchangeSink, ISamlMessageSink
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public ScenarioContext(Scenario scenario, TargetFile target, IReadOnlySet<string> capabilities, TimeProvider time, Redactor redactor, string? runFolder, RunNamespace? ns = null)
    {
        Namespace = ns ?? RunNamespace.None;
        Scenario = scenario;
        Target = target;
        Capabilities = capabilities;
        Time = time;
        Redactor = redactor;
        RunFolder = runFolder;
        Directory = new JumpCloudDirectory();
        Applications = new ApplicationCatalog(Directory);
        Insights = new InsightsLog(time, "org-conformance");
        Insights.Logged += InsightsSeen.Add;
    }

    public Scenario Scenario { get; }

    /// <summary>The run's mark: names a scenario writes (<c>bjn.native002</c>, <c>Video Users</c>) are meant with it.</summary>
    public RunNamespace Namespace { get; }
    public TargetFile Target { get; }
    public IReadOnlySet<string> Capabilities { get; }
    public TimeProvider Time { get; }
    public Redactor Redactor { get; }
    public string? RunFolder { get; }
    public JumpCloudDirectory Directory { get; }
    public ApplicationCatalog Applications { get; }
    public InsightsLog Insights { get; }

    public Journal<HttpExchange> Exchanges { get; } = new();
    public Journal<SamlMessageRecord> SamlMessages { get; } = new();
    public Journal<InsightsEvent> InsightsSeen { get; } = new();
    public Journal<string> Notes { get; } = new();
    public Journal<string> Screenshots { get; } = new();
    public Journal<string> Traces { get; } = new();

    /// <summary>The users the scenario's data section produced, in order.</summary>
    public IReadOnlyList<DirectoryUser> Users { get; internal set; } = [];

    /// <summary>What the last administrative action was refused with (null when it was accepted).</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>
    /// The one place an administrative action's answer lands, whichever door it went through (the catalogue, the IdM
    /// tab, the Admin Portal in chromium): a refusal is kept for admin.refused, and what the administrator read is noted.
    /// </summary>
    public void AdminAnswered(string? refusal, string note)
    {
        LastRefusal = refusal;
        Note(note);
    }

    /// <summary>
    /// Does what an administrator does in the Admin Portal. A refusal is recorded in <see cref="LastRefusal"/>
    /// (and noted), not thrown: whether it should have been refused is for the step's checks to judge.
    /// </summary>
    public async Task AdministerAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        LastRefusal = null;
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (ApplicationRefusedException refused)
        {
            AdminAnswered(refused.Message, $"the Admin Portal refused: {refused.Message}");
        }
    }

    public Task Administer(Action action) => AdministerAsync(() =>
    {
        action();
        return Task.CompletedTask;
    });

    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Something a step opened for the rest of the scenario (the administrator's browser): closed when it ends.</summary>
    public T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    internal async ValueTask DisposeOwnedAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }
        _owned.Clear();
    }

    private MockIdpServer? _idp;
    private IdentityManagement? _idm;
    private Harness.SpControl? _spControl;
    private readonly Dictionary<Type, object> _outcomes = [];

    /// <summary>The mock IdP of the scenario's organisation, started by the harness before the first step.</summary>
    public MockIdpServer Idp
    {
        get => _idp ?? throw new InvalidOperationException("the mock IdP is not running in this scenario's environment");
        internal set => _idp = value;
    }

    /// <summary>The organisation's SCIM push engine (the IdM tabs of its applications).</summary>
    public IdentityManagement Idm
    {
        get => _idm ?? throw new InvalidOperationException("the SCIM engine is not running in this scenario's environment");
        internal set => _idm = value;
    }

    /// <summary>The SP's control API, for targets that offer one; a step that needs it is skipped on any other.</summary>
    public Harness.SpControl SpControl
    {
        get => _spControl ?? throw new CapabilityMissingException(Capability.Control, "this step sets or reads SP-side state through the SP's control API");
        internal set => _spControl = value;
    }

    /// <summary>The worker's chromium, in which each browser flow of the scenario opens a context of its own.</summary>
    internal Conformance.Browser.BrowserHost? Browser { get; init; }

    /// <summary>The administrator's browser, signed in to the Admin Portal, kept open for the rest of the scenario once a step opened it.</summary>
    internal Steps.Portal.AdministratorBrowser? Administrator { get; set; }

    /// <summary>What a step observed for the checks after it (the last SSO attempt, forged login, import listing…): the latest of each kind.</summary>
    public void Remember<T>(T outcome) where T : class
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _outcomes[typeof(T)] = outcome;
    }

    /// <summary>The latest outcome of that kind; a check read before any step produced one is the scenario's mistake.</summary>
    public T Outcome<T>() where T : class =>
        OutcomeOrNull<T>() ?? throw new InvalidOperationException($"no step of this scenario has produced a {typeof(T).Name} yet: a check of it must come after the step that observes it");

    public T? OutcomeOrNull<T>() where T : class => _outcomes.TryGetValue(typeof(T), out var outcome) ? (T)outcome : null;

    /// <summary>
    /// A client for the SP's SCIM API as its own admin or a reader would use it (not the IdP's pushes): the target's
    /// token, timeout and retry rules, as the engine's; every exchange captured and redacted on <paramref name="channel"/>.
    /// </summary>
    public ScimAdminClient SpScimClient(string channel)
    {
        var scim = Target.Scim ?? throw new CapabilityMissingException(Capability.Scim, "the step talks to the SP's SCIM API");
        Redactor.AddSecret(scim.Token);
        return new ScimAdminClient(new Uri(scim.BaseUrl), scim.Token, Harness.HarnessEnvironment.EngineOptions(scim), this, Redactor, Time, channel);
    }

    /// <summary>
    /// An HTTP client whose every exchange is evidence of the scenario (captured on <paramref name="channel"/>, redacted):
    /// what a step or check downloads is in the report like what the IdP sent.
    /// </summary>
    public HttpClient EvidenceClient(string channel) =>
        new(new CapturingHandler(this, Redactor, Time, channel) { InnerHandler = new SocketsHttpHandler() }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Throws <see cref="CapabilityMissingException"/> unless the target declares <paramref name="capability"/>.</summary>
    public void Require(string capability, string why)
    {
        if (!Capabilities.Contains(capability))
        {
            throw new CapabilityMissingException(capability, why);
        }
    }

    /// <summary>Work a step started that finishes in the background (SCIM pushes): awaited before the step's checks.</summary>
    public IList<Func<CancellationToken, Task>> Settlers { get; } = [];

    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        foreach (var settle in Settlers)
        {
            await settle(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Where the running step's HTTP exchanges begin in <see cref="Exchanges"/>.</summary>
    public int StepExchangesStart { get; internal set; }

    /// <summary>
    /// What a step changed on the SP beyond its data (a rotated SCIM token), undone before the clean-up, which, like
    /// the next scenario, works with the target's own settings.
    /// </summary>
    public IList<Func<CancellationToken, Task>> Restorers { get; } = [];

    public void Record(HttpExchange exchange) => Exchanges.Add(exchange);

    /// <summary>Keeps the message as evidence, with a Response's signature verdict taken now, while the message is fresh.</summary>
    public void Record(SamlMessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(message);
        SamlMessages.Add(message is { Kind: SamlMessageKind.Response, CertificatePem: { } pem }
            ? message with { Signatures = Conformance.Saml.Signing.SignatureVerifier.Describe(message.Xml, pem) }
            : message);
    }

    public void Note(string text) => Notes.Add(Redactor.Redact(text) ?? "");

    public void Set(string name, string value) => _variables[name] = value;

    /// <summary>
    /// Expands <c>${name}</c>: a value a step set, <c>users[i].property</c>, <c>target.name</c>, or <c>mark:NAME</c> (a
    /// name of the scenario's as the run marked it, for expected values: <c>${mark:Video Users}</c>).
    /// </summary>
    public string Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Template().Replace(text, m => Resolve(m.Groups[1].Value)
            ?? throw new KeyNotFoundException($"'${{{m.Groups[1].Value}}}' names nothing: known values are {string.Join(", ", _variables.Keys.Order(StringComparer.Ordinal).Append("users[i].<property>").Append("target.name").Append("mark:<name>"))}"));
    }

    private string? Resolve(string name)
    {
        if (_variables.TryGetValue(name, out var value))
        {
            return value;
        }
        if (name == "target.name")
        {
            return Target.Name;
        }
        if (name.StartsWith("mark:", StringComparison.Ordinal))
        {
            return Namespace.Apply(name["mark:".Length..]);
        }
        var user = UserPath().Match(name);
        if (user.Success)
        {
            var index = int.Parse(user.Groups[1].Value, CultureInfo.InvariantCulture);
            if (index >= Users.Count)
            {
                return null;
            }
            return UserTemplates.Property(user.Groups[2].Value)?.GetValue(Users[index])?.ToString();
        }
        return null;
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Template();

    [GeneratedRegex(@"^users\[(\d+)\]\.([A-Za-z]+)$")]
    private static partial Regex UserPath();
}
