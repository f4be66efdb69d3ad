using System.Reflection;
using Conformance.Core.Directories;
using Conformance.Scenarios.Loading;

namespace Conformance.Scenarios.Running;

/// <summary>
/// What <c>${users[i].property}</c> may name: a property of the directory user, any case. The loader refuses other
/// names and the run reads the value, both through here. (The IdP's attribute mapping has its own vocabulary, with
/// SCIM paths such as phoneNumbers.value: that is what an administrator types, not what a scenario writes.)
/// </summary>
internal static class UserTemplates
{
    public static PropertyInfo? Property(string name) =>
        typeof(DirectoryUser).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);

    public static IEnumerable<string> Names => typeof(DirectoryUser).GetProperties().Select(InputBinder.YamlName);
}
