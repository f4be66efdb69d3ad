namespace Conformance.Scim.Mapping;

/// <summary>
/// One row of the guide's "BlueJeans User Attributes" table: a JumpCloud property and the SCIM v2 attribute it is
/// sent as. Required rows are always sent; optional rows can be excluded and re-included.
/// </summary>
public sealed record AttributeMapping(string JumpCloudProperty, string JumpCloudLabel, string ScimAttribute, bool Required);
