using Bogus;
using Conformance.Core.Directories;
using Conformance.Scenarios.Model;

namespace Conformance.Scenarios.Data;

/// <summary>
/// Makes the users a scenario runs with. Each faker is seeded on its own (never Bogus's global seed),
/// so the same seed gives byte-identical users in every run, on every machine.
/// </summary>
public static class UserFactory
{
    /// <summary>More users than a scenario needs (the benchmarks go to 100,000 through the engine, not a scenario).</summary>
    public const int MaxUsers = 100_000;

    /// <summary>The named edge cases a scenario can ask for in <c>data.edgeCases</c>, each made for the SP's username limit.</summary>
    public static IReadOnlyDictionary<string, Func<int, DirectoryUser>> EdgeCases { get; } = BuildEdgeCases();

    /// <summary>"Bluejeans does not allow userNames that exceed 30 characters."; a target's limits.userNameMaxLength overrides it.</summary>
    public const int UsernameLimit = 30;

    /// <summary>The shortest username limit the boundary edge cases can be built for.</summary>
    public const int MinUsernameLimit = 8;

    /// <summary>RFC 5321 4.5.3.1.1: the local part of an address is at most 64 octets.</summary>
    private const int EmailLocalPartLimit = 64;

    /// <summary>
    /// Every user of a scenario: generated ones, then edge cases, then explicit ones, each carrying the run's mark
    /// (<paramref name="ns"/>) in its username, email and employee id. <paramref name="usernameLimit"/> is the SP's
    /// longest username: the boundary edge cases are that long and one longer, and marking stays within it.
    /// </summary>
    public static IReadOnlyList<DirectoryUser> Create(TestDataSpec data, int runSeed, RunNamespace? ns = null, int usernameLimit = UsernameLimit)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(usernameLimit, MinUsernameLimit);
        var seed = data.Seed ?? runSeed;
        var users = new List<DirectoryUser>(Generate(seed, data.Locale, data.Count, usernameLimit));
        foreach (var name in data.EdgeCases)
        {
            users.Add(EdgeCases.TryGetValue(name, out var edge)
                ? edge(usernameLimit) with { Id = NextId(users) }
                : throw new ArgumentException($"unknown edge case '{name}'; known: {string.Join(", ", EdgeCases.Keys)}", nameof(data)));
        }
        var filler = Generate(seed ^ 0x5eed, data.Locale, data.Users.Count, usernameLimit);
        for (var i = 0; i < data.Users.Count; i++)
        {
            users.Add(Apply(data.Users[i], filler[i] with { Id = NextId(users) }));
        }
        return ns is null || ns.IsNone ? users : [.. users.Select(u => Mark(u, ns, usernameLimit))];
    }

    /// <summary>
    /// Marks a user for the run. Marking never pushes a value over a limit it was within: the username and the email
    /// (BlueJeans' user ID when the NameID is the email) stay within 30 characters, the email's local part within 64;
    /// there the mark takes the value's first characters instead, so the 30- and 31-character usernames still test
    /// the boundary exactly.
    /// </summary>
    public static DirectoryUser Mark(DirectoryUser user, RunNamespace ns, int usernameLimit = UsernameLimit)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ns);
        return user with
        {
            Username = Within(user.Username, usernameLimit, ns),
            Email = MarkEmail(user.Email, ns, usernameLimit),
            EmployeeIdentifier = user.EmployeeIdentifier is null ? null : ns.Apply(user.EmployeeIdentifier),
        };
    }

    private static string MarkEmail(string email, RunNamespace ns, int usernameLimit)
    {
        var at = email.LastIndexOf('@');
        var (local, domain) = at < 0 ? (email, "") : (email[..at], email[at..]);
        var marked = Within(local, EmailLocalPartLimit, ns) + domain;
        return email.Length <= usernameLimit && marked.Length > usernameLimit ? ns.Fit(local) + domain : marked;
    }

    private static string Within(string value, int limit, RunNamespace ns)
    {
        var marked = ns.Apply(value);
        return marked.Length > limit && marked.Length > value.Length ? ns.Fit(value) : marked;
    }

    /// <summary><paramref name="count"/> users from one seeded faker, covering every attribute of the guide's mapping table.</summary>
    public static IReadOnlyList<DirectoryUser> Generate(int seed, string locale, int count, int usernameLimit = UsernameLimit)
    {
        var limit = Math.Min(usernameLimit, UsernameLimit);
        var faker = new Faker(locale) { Random = new Randomizer(seed) };
        var users = new List<DirectoryUser>(count);
        for (var i = 0; i < count; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var handle = Ascii($"{first}.{last}").ToLowerInvariant();
            var username = Truncate($"{handle}{i + 1}", limit);
            // With the NameID from the email (the default) the email is the user's BlueJeans user ID: within the limit too.
            var domain = $"@{Truncate(faker.Internet.DomainWord(), 10)}.example";
            users.Add(new DirectoryUser
            {
                Id = $"u{i + 1:D5}",
                Username = username,
                Email = Truncate(username, Math.Max(1, limit - domain.Length)).TrimEnd('.') + domain,
                FirstName = first,
                LastName = last,
                EmployeeIdentifier = $"E{faker.Random.Number(100000, 999999)}",
                JobTitle = faker.Name.JobTitle(),
                WorkPhone = faker.Phone.PhoneNumber("+1 ###-###-####"),
                Password = faker.Internet.Password(16, memorable: false, prefix: "Pw1!"),
                Active = true,
            });
        }
        return users;
    }

    private static DirectoryUser Apply(UserSpec spec, DirectoryUser generated) => generated with
    {
        Username = spec.Username ?? generated.Username,
        Email = spec.Email ?? generated.Email,
        FirstName = spec.FirstName ?? generated.FirstName,
        LastName = spec.LastName ?? generated.LastName,
        EmployeeIdentifier = spec.EmployeeIdentifier ?? generated.EmployeeIdentifier,
        JobTitle = spec.JobTitle ?? generated.JobTitle,
        WorkPhone = spec.WorkPhone ?? generated.WorkPhone,
        Password = spec.Password ?? generated.Password,
        Active = spec.Active ?? generated.Active,
        Extra = spec.Extra.Count > 0 ? spec.Extra : generated.Extra,
    };

    private static string NextId(List<DirectoryUser> users) => $"u{users.Count + 1:D5}";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static string Ascii(string s) =>
        new([.. s.Normalize(System.Text.NormalizationForm.FormD).Where(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.')]);

    private static Dictionary<string, Func<int, DirectoryUser>> BuildEdgeCases()
    {
        static DirectoryUser Edge(string username, string first, string last, string? email = null) => new()
        {
            Id = "edge",
            Username = username,
            Email = email ?? $"{username}@edge.example",
            FirstName = first,
            LastName = last,
            EmployeeIdentifier = "E000001",
            JobTitle = "Edge Case",
            WorkPhone = "+1 555-010-0000",
            Password = "Edge-Pw1!-" + username.Length,
        };
        static Func<int, DirectoryUser> Fixed(DirectoryUser user) => _ => user;
        return new Dictionary<string, Func<int, DirectoryUser>>(StringComparer.Ordinal)
        {
            // "Bluejeans does not allow userNames that exceed 30 characters." — the boundary from both sides, at the
            // target's own limit (limits.userNameMaxLength).
            ["username-max"] = limit => Edge(new string('a', limit - 4) + "-max", "Longest", "Allowed"),
            ["username-over-max"] = limit => Edge(new string('b', limit - 4) + "-over", "OneTooMany", "Characters"),
            ["non-ascii"] = Fixed(Edge("zoe.nunez", "Zoë", "Núñez-Ørsted")),
            ["cjk"] = Fixed(Edge("li.wei", "伟", "李")),
            ["right-to-left"] = Fixed(Edge("layla.haddad", "ليلى", "حداد")),
            ["hebrew"] = Fixed(Edge("noa.levi", "נועה", "לוי")),
            ["apostrophe"] = Fixed(Edge("conor.obrien", "Conor", "O'Brien")),
            ["xml-special"] = Fixed(Edge("xml.special", "Ampersand<&]]>", "\"Quoted\" <b>Bold</b>")),
            ["emoji"] = Fixed(Edge("emoji.user", "Sunny☀️", "Rocket🚀")),
            ["long-email"] = Fixed(Edge("long.email", "Long", "Email", new string('l', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 60), 3)) + ".example")),
        };
    }
}
