using Conformance.Core;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Insights;
using Conformance.Scim.Import;
using Conformance.Scim.Mapping;
using Conformance.Scim.Provisioning;
using Conformance.Scim.Transport;

namespace Conformance.Scim;

/// <summary>
/// The Identity Management tab of one application: token and settings, activation, the export attribute mapping and
/// Manual Import. While active, directory changes that concern the application are pushed to the SP.
/// </summary>
public sealed class IdmIntegration
{
    /// <summary>The guide's wording, shown when a token change is tried on an active integration.</summary>
    public const string TokenChangeRefused =
        "If you need to update the SCIM token key, you must deactivate the IdM integration, update the token key, and then reactivate the integration.";

    private readonly IdentityManagement _organisation;
    private readonly List<ActiveSession> _sessions = [];
    private readonly UserMapping _mapping = new();
    private readonly Provisioner _provisioner;
    private readonly Importer _importer;
    private IdmSettings? _settings;
    private ActiveSession? _session;

    internal IdmIntegration(IdentityManagement organisation, Application app)
    {
        _organisation = organisation;
        ApplicationId = app.Id;
        var options = organisation.Options;
        _provisioner = new Provisioner(app.Id, options.Directory, options.Catalog, options.Insights, _mapping, organisation.Queue, options.Redactor);
        _importer = new Importer(app.Id, options.Directory, options.Engine);
    }

    public string ApplicationId { get; }

    /// <summary>The saved settings (null before the first Configure).</summary>
    public IdmSettings? Settings => _settings;

    public bool IsActive => Volatile.Read(ref _session) is not null;

    /// <summary>The optional and required rows sent, in the order of the guide's table.</summary>
    public IReadOnlyList<AttributeMapping> Mappings => _mapping.Included;

    /// <summary>The table's rows in order, sent or excluded: what the mapping editor lists.</summary>
    public static IReadOnlyList<AttributeMapping> AllMappings => UserMapping.All;

    /// <summary>Optional rows the administrator removed.</summary>
    public IReadOnlyList<AttributeMapping> ExcludedMappings => _mapping.Excluded;

    /// <summary>
    /// Saves the tab. Inactive: stored; a different token from the one saved before is the reauth the guide asks for
    /// (<c>idm_integration_reauth</c>). Active: a different token is refused with the guide's message; other changes are
    /// verified against the SP and logged as <c>idm_integration_update</c>.
    /// </summary>
    public async Task<IdmOutcome> ConfigureAsync(IdmSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _organisation.Options.Redactor.AddSecret(settings.Token);
        await _organisation.Admin.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rules = _organisation.Options.Rules;
            if (!rules.GroupsOnlyWhenEnabled)
            {
                settings = settings with { GroupsEnabled = true };
            }
            var before = _settings;
            var session = _session;
            var tokenChanged = before is not null && !string.Equals(before.Token, settings.Token, StringComparison.Ordinal);
            if (session is null)
            {
                _settings = settings;
                if (!tokenChanged)
                {
                    return IdmOutcome.Ok("Saved. Click Activate to verify the token key.");
                }
                LogIntegration(InsightsEventTypes.IdmIntegrationReauth, null);
                if (!rules.TokenUpdateWaitsForReactivation)
                {
                    return await ActivateHeldAsync(cancellationToken).ConfigureAwait(false);
                }
                return IdmOutcome.Ok("The token key is updated; reactivate the integration to use it.");
            }
            if (tokenChanged && rules.TokenChangeOnlyWhileDeactivated)
            {
                // Guide, Important Considerations for SCIM: the token key changes only while deactivated.
                LogIntegration(InsightsEventTypes.IdmIntegrationReauth, TokenChangeRefused);
                return IdmOutcome.Refused(TokenChangeRefused);
            }
            var client = _organisation.Client(settings);
            var error = await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
            LogIntegration(InsightsEventTypes.IdmIntegrationUpdate, error);
            if (error is not null)
            {
                return IdmOutcome.Refused(error);
            }
            _settings = settings;
            session.Client = client;
            if (settings.GroupsEnabled && before?.GroupsEnabled != true)
            {
                _provisioner.SyncGroups(session);
            }
            return IdmOutcome.Ok("The Identity Management integration is updated.");
        }
        finally
        {
            _organisation.Admin.Release();
        }
    }

    /// <summary>
    /// The tab's Test Connection: the same authenticated one-item list Activate sends (RFC 7644 3.4.2), with what the
    /// tab holds now; nothing is saved, activated or logged.
    /// </summary>
    public async Task<IdmOutcome> TestConnectionAsync(IdmSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _organisation.Options.Redactor.AddSecret(settings.Token);
        var error = await VerifyAsync(_organisation.Client(settings), cancellationToken).ConfigureAwait(false);
        return error is null
            ? IdmOutcome.Ok("The connection test succeeded: the SP accepted the token key at this Base URL.")
            : IdmOutcome.Refused($"The connection test failed: {error}");
    }

    /// <summary>
    /// "Click Activate." Verifies the token against the SP (an authenticated one-item list, RFC 7644 3.4.2), logs
    /// <c>idm_integration_activate</c>, and on success pushes every user of the groups bound to the application.
    /// </summary>
    public async Task<IdmOutcome> ActivateAsync(CancellationToken cancellationToken = default)
    {
        await _organisation.Admin.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ActivateHeldAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _organisation.Admin.Release();
        }
    }

    /// <summary>Activation with the administration lock already held.</summary>
    private async Task<IdmOutcome> ActivateHeldAsync(CancellationToken cancellationToken)
    {
        var settings = _settings;
        if (_session is not null || settings is null)
        {
            var refusal = settings is null ? "Enter the token key before activating." : "The Identity Management integration is already active.";
            LogIntegration(InsightsEventTypes.IdmIntegrationActivate, refusal);
            return IdmOutcome.Refused(refusal);
        }
        var client = _organisation.Client(settings);
        var error = await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
        LogIntegration(InsightsEventTypes.IdmIntegrationActivate, error);
        if (error is not null)
        {
            return IdmOutcome.Refused(error);
        }
        var session = new ActiveSession(client);
        _sessions.Add(session);
        Volatile.Write(ref _session, session);
        _provisioner.SyncAll(session);
        // Guide: "You will receive a confirmation that the Identity Management integration has been successfully verified."
        return IdmOutcome.Ok("The Identity Management integration has been successfully verified.");
    }

    /// <summary>
    /// "Deactivate IdM connection": logs <c>idm_integration_delete</c>, drops queued pushes and cancels the ones in
    /// flight, which end with a failed event.
    /// </summary>
    public IdmOutcome Deactivate()
    {
        var session = Interlocked.Exchange(ref _session, null);
        if (session is null)
        {
            const string notActive = "The Identity Management integration is not active.";
            LogIntegration(InsightsEventTypes.IdmIntegrationDelete, notActive);
            return IdmOutcome.Refused(notActive);
        }
        // Logged before cancelling so that the failures of work in flight come after it.
        LogIntegration(InsightsEventTypes.IdmIntegrationDelete, null);
        session.End();
        return IdmOutcome.Ok("The IdM connection is deactivated.");
    }

    /// <summary>Removes an optional row from the export mapping; required rows and unknown names are refused.</summary>
    public IdmOutcome ExcludeMapping(string scimAttribute) => MappingChange(_mapping.Exclude(scimAttribute));

    /// <summary>Re-includes a previously excluded optional row; anything else is a custom attribute and is refused.</summary>
    public IdmOutcome IncludeMapping(string scimAttribute) => MappingChange(_mapping.Include(scimAttribute));

    public IdmOutcome RestoreDefaultMappings() => MappingChange(_mapping.Restore());

    /// <summary>"Click Manual Import": the SP's active users, page by page, each New or Imported.</summary>
    public Task<ImportListing> ListImportCandidatesAsync(CancellationToken cancellationToken = default)
    {
        var settings = _settings ?? throw new InvalidOperationException("Enter the token key before importing.");
        return _importer.ListAsync(_organisation.Client(settings), cancellationToken);
    }

    /// <summary>
    /// "Click Import." Up to <see cref="IdpRules.RealTimeImportLimit"/> users finish before this returns;
    /// more finish in the background (see <see cref="IdentityManagement.WhenIdleAsync"/>) and leave a notification in
    /// <see cref="IdentityManagement.Outbox"/>.
    /// </summary>
    public ImportResult Import(IEnumerable<ImportCandidate> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var users = selected.ToList();
        if (users.Count <= _organisation.Options.Rules.RealTimeImportLimit)
        {
            return _importer.Import(users);
        }
        var finished = new TaskCompletionSource<ImportResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _organisation.Queue.Enqueue($"{ApplicationId}/import", [], () =>
        {
            try
            {
                var result = _importer.Import(users);
                finished.TrySetResult(result);
                _organisation.Notify($"Your import from {Label()} is complete: {result.Message}");
            }
            catch (Exception ex)
            {
                finished.TrySetException(ex);
                throw;
            }
            return Task.CompletedTask;
        });
        return new ImportResult(false, [], [], $"Importing {users.Count} users; you will be notified when the import is complete.") { Finished = finished.Task };
    }

    internal void OnDirectoryChanged(DirectoryChange change)
    {
        if (Volatile.Read(ref _session) is { } session)
        {
            _provisioner.OnDirectoryChanged(session, change);
        }
    }

    internal void OnCatalogChanged(ApplicationChange change)
    {
        if (Volatile.Read(ref _session) is { } session)
        {
            _provisioner.OnCatalogChanged(session, change);
        }
    }

    /// <summary>The application is gone: pushes stop without an admin event.</summary>
    internal void Stop() => Interlocked.Exchange(ref _session, null)?.End();

    /// <summary>After <see cref="Stop"/> and a drained queue: nothing reads the sessions' tokens any more.</summary>
    internal void Release()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
        }
    }

    private IdmOutcome MappingChange(IdmOutcome outcome)
    {
        // Guide: "When finished, click Update and then click Save." On an active integration that is an update.
        if (IsActive)
        {
            LogIntegration(InsightsEventTypes.IdmIntegrationUpdate, outcome.Success ? null : outcome.Message);
        }
        return outcome;
    }

    private static async Task<string?> VerifyAsync(ScimClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(HttpMethod.Get, "/Users" + ScimFilter.Page(1, 1), null, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ScimRequestException ex)
        {
            return ex.Message;
        }
    }

    private void LogIntegration(string eventType, string? error)
    {
        var options = _organisation.Options;
        var app = options.Catalog.Find(ApplicationId);
        options.Insights.Log(
            eventType,
            error is null,
            new InsightsResource("application", ApplicationId, DisplayName: app?.DisplayLabel),
            new InsightsApplication(ApplicationId, app?.Name ?? ApplicationId, app?.DisplayLabel ?? ApplicationId),
            error,
            options.Administrator);
    }

    private string Label() => _organisation.Options.Catalog.Find(ApplicationId)?.DisplayLabel ?? ApplicationId;
}
