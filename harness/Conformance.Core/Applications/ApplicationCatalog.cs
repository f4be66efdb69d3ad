using System.Text.RegularExpressions;
using Conformance.Core.Directories;

namespace Conformance.Core.Applications;

/// <summary>
/// The "Configured Applications" list. Users are implicitly denied: access comes only from a
/// user group bound to the application ("Users are implicitly denied access to applications").
/// </summary>
public sealed partial class ApplicationCatalog
{
    private readonly JumpCloudDirectory _directory;

    public ApplicationCatalog(JumpCloudDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        directory.Changed += change =>
        {
            if (change is DirectoryChange.GroupDeleted deleted)
            {
                ForgetGroup(deleted.Group.Id);
            }
        };
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Application> _apps = new(StringComparer.Ordinal);
    private int _nextId;

    public event Action<ApplicationChange>? Changed;

    public IReadOnlyList<Application> Applications
    {
        get { lock (_gate) { return [.. _apps.Values]; } }
    }

    public Application? Find(string idOrLabelOrSuffix)
    {
        lock (_gate)
        {
            if (_apps.TryGetValue(idOrLabelOrSuffix, out var app))
            {
                return app;
            }
            return _apps.Values.FirstOrDefault(a =>
                string.Equals(a.DisplayLabel, idOrLabelOrSuffix, StringComparison.OrdinalIgnoreCase)
                || string.Equals(a.SsoSuffix, idOrLabelOrSuffix, StringComparison.Ordinal));
        }
    }

    public Application Get(string idOrLabelOrSuffix) =>
        Find(idOrLabelOrSuffix) ?? throw new ApplicationRefusedException($"No configured application '{idOrLabelOrSuffix}'.");

    public Application Create(ApplicationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Name))
        {
            throw new ApplicationRefusedException("An application needs a name.");
        }
        var kind = settings.Kind ?? ApplicationKind.Saml;
        var bookmark = kind == ApplicationKind.Bookmark ? CheckBookmarkUrl(settings.BookmarkUrl) : null;
        // A Bookmark has no IdP URL of its own; its label keeps two bookmarks apart.
        var suffix = settings.SsoSuffix ?? Slug(kind == ApplicationKind.Bookmark ? settings.DisplayLabel ?? settings.Name : settings.Name);
        if (!SuffixPattern().IsMatch(suffix))
        {
            throw new ApplicationRefusedException(
                $"The IdP URL suffix '{suffix}' may contain only letters, digits, '-', '_' and '.'.");
        }
        Application app;
        lock (_gate)
        {
            if (_apps.Values.Any(a => string.Equals(a.SsoSuffix, suffix, StringComparison.Ordinal)))
            {
                throw new ApplicationRefusedException(
                    $"The IdP URL suffix '{suffix}' is already used by another application.");
            }
            _nextId++;
            app = new Application
            {
                Id = $"app{_nextId:D4}",
                Name = settings.Name,
                DisplayLabel = settings.DisplayLabel ?? settings.Name,
                Description = settings.Description ?? "",
                PortalImage = settings.PortalImage ?? new PortalImage(PortalImageKind.Logo, "default"),
                ShowInPortal = settings.ShowInPortal ?? true,
                SsoSuffix = suffix,
                Kind = kind,
                BookmarkUrl = bookmark,
            };
            _apps.Add(app.Id, app);
        }
        Changed?.Invoke(new ApplicationChange.Created(app));
        return app;
    }

    /// <summary>Edits the general settings. A different suffix is refused: delete and recreate instead.</summary>
    public Application Update(string idOrLabel, ApplicationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Application after;
        lock (_gate)
        {
            var before = Get(idOrLabel);
            if (settings.SsoSuffix is not null && !string.Equals(settings.SsoSuffix, before.SsoSuffix, StringComparison.Ordinal))
            {
                throw new ApplicationRefusedException(
                    "The SSO IdP URL is not editable after the application is created. "
                    + "You will have to delete and recreate the connector if you need to edit this field.");
            }
            if (settings.BookmarkUrl is not null && before.Kind != ApplicationKind.Bookmark)
            {
                throw new ApplicationRefusedException($"'{before.DisplayLabel}' is a SAML application, not a Bookmark: it has no URL to set.");
            }
            after = before with
            {
                BookmarkUrl = settings.BookmarkUrl is null ? before.BookmarkUrl : CheckBookmarkUrl(settings.BookmarkUrl),
                DisplayLabel = settings.DisplayLabel ?? before.DisplayLabel,
                Description = settings.Description ?? before.Description,
                PortalImage = settings.PortalImage ?? before.PortalImage,
                ShowInPortal = settings.ShowInPortal ?? before.ShowInPortal,
            };
            _apps[after.Id] = after;
        }
        Changed?.Invoke(new ApplicationChange.Updated(after));
        return after;
    }

    /// <summary>"Click Deactivate SSO or Deactivate Bookmark. Click save.": the Bookmark's tile no longer shows.</summary>
    public Application DeactivateBookmark(string idOrLabel)
    {
        Application after;
        lock (_gate)
        {
            var before = Get(idOrLabel);
            if (before.Kind != ApplicationKind.Bookmark)
            {
                throw new ApplicationRefusedException($"'{before.DisplayLabel}' is a SAML application: deactivate its SSO instead.");
            }
            after = before with { BookmarkActive = false };
            _apps[after.Id] = after;
        }
        Changed?.Invoke(new ApplicationChange.Updated(after));
        return after;
    }

    public void Delete(string idOrLabel)
    {
        Application app;
        lock (_gate)
        {
            app = Get(idOrLabel);
            _apps.Remove(app.Id);
        }
        Changed?.Invoke(new ApplicationChange.Deleted(app));
    }

    public Application BindGroup(string appIdOrLabel, string groupIdOrName) => ChangeBinding(appIdOrLabel, groupIdOrName, bind: true);

    public Application UnbindGroup(string appIdOrLabel, string groupIdOrName) => ChangeBinding(appIdOrLabel, groupIdOrName, bind: false);

    /// <summary>True when the user is active and in at least one user group bound to the application.</summary>
    public bool IsAuthorized(string appIdOrLabel, string userIdOrUsername)
    {
        var app = Find(appIdOrLabel);
        var user = _directory.FindUser(userIdOrUsername);
        if (app is null || user is null || !user.Active)
        {
            return false;
        }
        return _directory.GroupsOf(user.Id).Any(g => app.BoundGroupIds.Contains(g.Id));
    }

    /// <summary>The users an application manages: members of its bound groups (suspended ones included).</summary>
    public IReadOnlyList<DirectoryUser> UsersOf(string appIdOrLabel)
    {
        var app = Get(appIdOrLabel);
        return [.. app.BoundGroupIds
            .SelectMany(_directory.MembersOf)
            .DistinctBy(u => u.Id)
            .OrderBy(u => u.Id, StringComparer.Ordinal)];
    }

    /// <summary>A deleted user group no longer authorizes anyone for any application.</summary>
    private void ForgetGroup(string groupId)
    {
        lock (_gate)
        {
            foreach (var app in _apps.Values.Where(a => a.BoundGroupIds.Contains(groupId)).ToList())
            {
                _apps[app.Id] = app with { BoundGroupIds = new HashSet<string>(app.BoundGroupIds.Where(id => id != groupId), StringComparer.Ordinal) };
            }
        }
    }

    private Application ChangeBinding(string appIdOrLabel, string groupIdOrName, bool bind)
    {
        var group = _directory.GetGroup(groupIdOrName);
        Application after;
        lock (_gate)
        {
            var before = Get(appIdOrLabel);
            var groups = new HashSet<string>(before.BoundGroupIds, StringComparer.Ordinal);
            var changed = bind ? groups.Add(group.Id) : groups.Remove(group.Id);
            if (!changed)
            {
                return before;
            }
            after = before with { BoundGroupIds = groups };
            _apps[after.Id] = after;
        }
        Changed?.Invoke(bind ? new ApplicationChange.GroupBound(after, group) : new ApplicationChange.GroupUnbound(after, group));
        return after;
    }

    /// <summary>Whether <paramref name="suffix"/> can end an IdP URL: letters, digits, '-', '_' and '.', up to 128.</summary>
    public static bool IsValidSuffix(string suffix) => SuffixPattern().IsMatch(suffix);

    private static string CheckBookmarkUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.AbsoluteUri
            : throw new ApplicationRefusedException($"A Bookmark needs the URL its tile opens (http or https); '{url}' is not one.");

    private static string Slug(string name) => SlugPattern().Replace(name.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex SuffixPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugPattern();
}
