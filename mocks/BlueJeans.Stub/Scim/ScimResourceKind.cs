namespace BlueJeans.Stub.Scim;

internal enum ScimResourceKind
{
    User,
    Group,
}
