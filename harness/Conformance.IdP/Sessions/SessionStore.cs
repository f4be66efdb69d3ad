using System.Collections.Concurrent;
using System.Security.Cryptography;
using Conformance.Saml.Protocol;

namespace Conformance.IdP.Sessions;

/// <summary>What the IdP asserted to one application in a session, so that logout can name the same subject.</summary>
internal sealed record IssuedName(string NameId, string Format);

/// <summary>A signed-in user at the IdP (the console.jumpcloud.com cookie).</summary>
internal sealed class IdpSession(string id, string userId, string sessionIndex, DateTimeOffset authnInstant)
{
    public string Id => id;
    public string UserId => userId;
    public string SessionIndex => sessionIndex;
    public DateTimeOffset AuthnInstant => authnInstant;
    public ConcurrentDictionary<string, IssuedName> Issued { get; } = new(StringComparer.Ordinal);
}

/// <summary>An SP-initiated request waiting for the user to sign in.</summary>
internal sealed record PendingSso(string AppId, AuthnRequestMessage Request, string? RelayState);

internal sealed class SessionStore(TimeProvider time)
{
    public const string CookieName = "jc_idp_session";

    private readonly ConcurrentDictionary<string, IdpSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingSso> _pending = new(StringComparer.Ordinal);

    public IdpSession Create(string userId)
    {
        var session = new IdpSession(Token(), userId, "_" + Token(), time.GetUtcNow());
        _sessions[session.Id] = session;
        return session;
    }

    public IdpSession? Find(string? id) => id is null ? null : _sessions.GetValueOrDefault(id);

    public bool End(string? id) => id is not null && _sessions.TryRemove(id, out _);

    public string Park(PendingSso pending)
    {
        var token = Token();
        _pending[token] = pending;
        return token;
    }

    /// <summary>Takes a parked request once: a replayed resume link finds nothing.</summary>
    public PendingSso? Take(string token) => _pending.TryRemove(token, out var pending) ? pending : null;

    public PendingSso? Peek(string? token) => token is null ? null : _pending.GetValueOrDefault(token);

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
