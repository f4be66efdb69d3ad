namespace Conformance.Core.Insights;

/// <summary>The twelve SCIM DI event names, exactly as the guide's tables list them.</summary>
public static class InsightsEventTypes
{
    public const string IdmIntegrationActivate = "idm_integration_activate";
    public const string IdmIntegrationUpdate = "idm_integration_update";
    public const string IdmIntegrationReauth = "idm_integration_reauth";
    public const string IdmIntegrationDelete = "idm_integration_delete";
    public const string UserCreateProvision = "user_create_provision";
    public const string UserUpdateProvision = "user_update_provision";
    public const string UserDeprovision = "user_deprovision";
    public const string UserDeleteProvision = "user_delete_provision";
    public const string UserLookupProvision = "user_lookup_provision";
    public const string GroupCreateProvision = "group_create_provision";
    public const string GroupUpdateProvision = "group_update_provision";
    public const string GroupDeleteProvision = "group_delete_provision";

    public static IReadOnlyList<string> All { get; } =
    [
        IdmIntegrationActivate, IdmIntegrationUpdate, IdmIntegrationReauth, IdmIntegrationDelete,
        UserCreateProvision, UserUpdateProvision, UserDeprovision, UserDeleteProvision, UserLookupProvision,
        GroupCreateProvision, GroupUpdateProvision, GroupDeleteProvision,
    ];
}
