namespace Conformance.Core.Directories;

public sealed record UserGroup(string Id, string Name);
