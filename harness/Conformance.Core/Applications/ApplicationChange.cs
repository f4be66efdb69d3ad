using Conformance.Core.Directories;

namespace Conformance.Core.Applications;

public abstract record ApplicationChange
{
    private ApplicationChange() { }

    public sealed record Created(Application App) : ApplicationChange;
    public sealed record Updated(Application App) : ApplicationChange;
    public sealed record Deleted(Application App) : ApplicationChange;
    public sealed record GroupBound(Application App, UserGroup Group) : ApplicationChange;
    public sealed record GroupUnbound(Application App, UserGroup Group) : ApplicationChange;
}
