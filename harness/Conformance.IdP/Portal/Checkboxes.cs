namespace Conformance.IdP.Portal;

/// <summary>
/// A list of checkboxes saved at once (members, groups, bound applications): what was checked before and what is
/// checked now become the adds and removes, each through the model's own method. A posted id the model does not know
/// (a tampered form, a group deleted meanwhile) is ignored, not a server error.
/// </summary>
internal static class Checkboxes
{
    public static void Save(IEnumerable<string> before, IEnumerable<string>? ticked, Func<string, bool> known, Action<string> add, Action<string> remove)
    {
        var had = before.ToHashSet(StringComparer.Ordinal);
        var wanted = (ticked ?? []).Where(known).ToHashSet(StringComparer.Ordinal);
        foreach (var id in wanted.Except(had))
        {
            add(id);
        }
        foreach (var id in had.Except(wanted))
        {
            remove(id);
        }
    }
}
