namespace Conformance.Scenarios.Model;

/// <summary>
/// A text input that takes one of a list kept elsewhere (a catalogue's ids): the loader refuses any other value where
/// it is written, before anything runs, and the schema lists the same values, so the list is never copied by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class ChoicesAttribute : Attribute
{
    public abstract IReadOnlyList<string> Values { get; }
}
