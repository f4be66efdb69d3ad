namespace Conformance.Scenarios.Model;

/// <summary>
/// The input names a user, group or external id of the scenario's own (<c>bjn.native002</c>, <c>Video Users</c>): the
/// run's namespace mark is put on it when the step runs, as it was on the objects themselves, so scenarios keep
/// writing plain names.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RunMarkedAttribute : Attribute;
