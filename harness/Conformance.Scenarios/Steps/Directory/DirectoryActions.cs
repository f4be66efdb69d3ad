using System.ComponentModel;
using Conformance.Core.Directories;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Portal;

namespace Conformance.Scenarios.Steps.Directory;

public sealed record GroupCreateInput
{
    [RunMarked]
    public required string Name { get; init; }

    [Description("Usernames (or ${users[i].username}) to add as members.")]
    [RunMarked]
    public IReadOnlyList<string> Members { get; init; } = [];

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

public sealed class GroupCreate : StepAction<GroupCreateInput>
{
    public override string Name => "group.create";
    public override string Description => "Creates a user group with members.";

    protected override Task ExecuteAsync(GroupCreateInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-group-create", page => PortalClicks.AddGroupAsync(page, input.Name, input.Members));
        }
        var group = context.Directory.AddGroup(context.Directory.NewGroupId(), input.Name);
        foreach (var member in input.Members)
        {
            context.Directory.AddMember(group.Id, member);
        }
        return Task.CompletedTask;
    }
}

public sealed record MembershipInput
{
    [RunMarked]
    public required string Group { get; init; }
    [RunMarked]
    public required string User { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

public sealed class GroupAddMember : StepAction<MembershipInput>
{
    public override string Name => "group.add-member";
    public override string Description => "Adds a user to a user group (adding a member twice changes nothing).";

    protected override Task ExecuteAsync(MembershipInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-group-add-member", page => PortalClicks.SetMembersAsync(page, input.Group, [input.User], member: true));
        }
        context.Directory.AddMember(input.Group, input.User);
        return Task.CompletedTask;
    }
}

public sealed class GroupRemoveMember : StepAction<MembershipInput>
{
    public override string Name => "group.remove-member";
    public override string Description => "Removes a user from a user group.";

    protected override Task ExecuteAsync(MembershipInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-group-remove-member", page => PortalClicks.SetMembersAsync(page, input.Group, [input.User], member: false));
        }
        context.Directory.RemoveMember(input.Group, input.User);
        return Task.CompletedTask;
    }
}

public sealed record GroupRenameInput
{
    [RunMarked]
    public required string Group { get; init; }
    [RunMarked]
    public required string NewName { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

public sealed class GroupRename : StepAction<GroupRenameInput>
{
    public override string Name => "group.rename";
    public override string Description => "Renames a user group.";

    protected override Task ExecuteAsync(GroupRenameInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-group-rename", page => PortalClicks.RenameGroupAsync(page, input.Group, input.NewName));
        }
        context.Directory.RenameGroup(input.Group, input.NewName);
        return Task.CompletedTask;
    }
}

public sealed record GroupInput
{
    [RunMarked]
    public required string Group { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

public sealed class GroupDelete : StepAction<GroupInput>
{
    public override string Name => "group.delete";
    public override string Description => "Deletes a user group.";

    protected override Task ExecuteAsync(GroupInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-group-delete", page => PortalClicks.DeleteGroupAsync(page, input.Group));
        }
        context.Directory.DeleteGroup(input.Group);
        return Task.CompletedTask;
    }
}

public sealed record UserUpdateInput
{
    [Description("The user's id or username.")]
    [RunMarked]
    public required string User { get; init; }

    [RunMarked]
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    [RunMarked]
    public string? EmployeeIdentifier { get; init; }
    public string? JobTitle { get; init; }
    public string? WorkPhone { get; init; }
    public string? Password { get; init; }

    [Description("false suspends the user, true reactivates.")]
    public bool? Active { get; init; }

    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

public sealed class UserUpdate : StepAction<UserUpdateInput>
{
    public override string Name => "user.update";
    public override string Description => "Edits a user's properties, suspends (active: false) or reactivates them.";

    protected override Task ExecuteAsync(UserUpdateInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        context.Redactor.AddSecret(input.Password);
        if (input.Via == AdminDoor.Portal)
        {
            if (input.Extra is not null)
            {
                throw new InvalidOperationException("user.update via portal: the Users page has no field for properties outside the mapping table (extra).");
            }
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["#user-email"] = input.Email,
                ["#user-first-name"] = input.FirstName,
                ["#user-last-name"] = input.LastName,
                ["#user-employee-id"] = input.EmployeeIdentifier,
                ["#user-job-title"] = input.JobTitle,
                ["#user-work-phone"] = input.WorkPhone,
                ["#user-password"] = input.Password,
            };
            var username = context.Directory.GetUser(input.User).Username;
            return PortalDoor.WalkAsync(context, "portal-user-update", page => PortalClicks.UpdateUserAsync(page, username, fields, input.Active));
        }
        context.Directory.UpdateUser(input.User, u => u with
        {
            Email = input.Email ?? u.Email,
            FirstName = input.FirstName ?? u.FirstName,
            LastName = input.LastName ?? u.LastName,
            EmployeeIdentifier = input.EmployeeIdentifier ?? u.EmployeeIdentifier,
            JobTitle = input.JobTitle ?? u.JobTitle,
            WorkPhone = input.WorkPhone ?? u.WorkPhone,
            Password = input.Password ?? u.Password,
            Active = input.Active ?? u.Active,
            Extra = input.Extra ?? u.Extra,
        });
        return Task.CompletedTask;
    }
}

public sealed record UserInput
{
    [RunMarked]
    public required string User { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

public sealed class UserDelete : StepAction<UserInput>
{
    public override string Name => "user.delete";
    public override string Description => "Deletes a user from the directory.";

    protected override Task ExecuteAsync(UserInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            var username = context.Directory.GetUser(input.User).Username;
            return PortalDoor.WalkAsync(context, "portal-user-delete", page => PortalClicks.DeleteUserAsync(page, username));
        }
        context.Directory.DeleteUser(input.User);
        return Task.CompletedTask;
    }
}

public sealed record UserAddInput
{
    [RunMarked]
    public required string Username { get; init; }
    [RunMarked]
    public required string Email { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? Password { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

public sealed class UserAdd : StepAction<UserAddInput>
{
    public override string Name => "user.add";
    public override string Description => "Adds a user to the directory.";

    protected override Task ExecuteAsync(UserAddInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        context.Redactor.AddSecret(input.Password);
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-user-add", page =>
                PortalClicks.AddUserAsync(page, new NewUser(input.Username, input.Email, input.FirstName, input.LastName, input.Password)));
        }
        context.Directory.AddUser(new DirectoryUser
        {
            Id = context.Directory.NewUserId(),
            Username = input.Username,
            Email = input.Email,
            FirstName = input.FirstName,
            LastName = input.LastName,
            Password = input.Password ?? "",
        });
        return Task.CompletedTask;
    }
}
