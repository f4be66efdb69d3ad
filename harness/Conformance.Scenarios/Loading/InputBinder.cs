using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Conformance.Scenarios.Model;

namespace Conformance.Scenarios.Loading;

/// <summary>
/// Binds YAML inputs to the typed input records of actions and conditions (camelCase keys, C#
/// <c>required</c> members required), collecting every problem with its location.
/// </summary>
internal static class InputBinder
{
    public static object Bind(Type type, InputNode node, string what, List<Problem> problems) =>
        BindValue(type, node, what, problems) ?? Empty(type);

    /// <summary>What a value that could not be bound stands in as (the problem is already recorded).</summary>
    private static object Empty(Type type) => type switch
    {
        { IsInterface: true, IsGenericType: true } when type.GetGenericArguments() is { Length: 2 } pair => Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(pair))!,
        { IsInterface: true, IsGenericType: true } => Array.CreateInstance(type.GetGenericArguments()[0], 0),
        _ => Activator.CreateInstance(type)!,
    };

    public static string YamlName(PropertyInfo property) =>
        char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    public static IEnumerable<PropertyInfo> Inputs(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    public static bool IsRequired(PropertyInfo property) => property.GetCustomAttribute<RequiredMemberAttribute>() is not null;

    public static string? Description(MemberInfo member) => member.GetCustomAttribute<DescriptionAttribute>()?.Description;

    /// <summary>A value still holding a template cannot be type-checked before the run expands it.</summary>
    public static bool IsTemplate(InputNode node) => node is InputNode.Scalar s && s.Value.Contains("${", StringComparison.Ordinal);

    private static object? BindValue(Type type, InputNode node, string what, List<Problem> problems)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return node is InputNode.Scalar { Quoted: false, Value: "null" or "~" } ? null : BindValue(underlying, node, what, problems);
        }
        if (type == typeof(string))
        {
            return node is InputNode.Scalar s ? s.Value : Fail(node, $"{what} expects text, got {Describe(node)}", problems);
        }
        if (IsTemplate(node) && type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }
        if (type == typeof(bool))
        {
            return node is InputNode.Scalar { Value: "true" or "false" } b ? b.Value == "true" : Fail(node, $"{what} expects true or false, got {Describe(node)}", problems);
        }
        if (type == typeof(int))
        {
            return node is InputNode.Scalar si && int.TryParse(si.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : Fail(node, $"{what} expects a whole number, got {Describe(node)}", problems);
        }
        if (type == typeof(double))
        {
            return node is InputNode.Scalar sd && double.TryParse(sd.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : Fail(node, $"{what} expects a number, got {Describe(node)}", problems);
        }
        if (type.IsEnum)
        {
            var names = EnumNames(type);
            if (node is InputNode.Scalar se)
            {
                var match = names.FirstOrDefault(n => string.Equals(Normalize(n.Yaml), Normalize(se.Value), StringComparison.OrdinalIgnoreCase));
                if (match.Yaml is not null)
                {
                    return Enum.Parse(type, match.Clr);
                }
            }
            return Fail(node, $"{what} expects one of {string.Join(", ", names.Select(n => n.Yaml))}, got {Describe(node)}", problems);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            if (node is not InputNode.Mapping dm)
            {
                return Fail(node, $"{what} expects a mapping of names to values, got {Describe(node)}", problems);
            }
            var valueType = type.GetGenericArguments()[1];
            var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            foreach (var entry in dm.Entries)
            {
                dict[entry.Key] = BindValue(valueType, entry.Value, $"{what}.{entry.Key}", problems);
            }
            return dict;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var itemType = type.GetGenericArguments()[0];
            var items = node switch
            {
                InputNode.Sequence q => q.Items,
                InputNode.Scalar sc when itemType == typeof(string) => [sc],
                _ => null,
            };
            if (items is null)
            {
                return Fail(node, $"{what} expects a list, got {Describe(node)}", problems);
            }
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            for (var index = 0; index < items.Count; index++)
            {
                list.Add(BindValue(itemType, items[index], $"{what}[{index}]", problems));
            }
            return list;
        }
        if (type.IsClass)
        {
            return BindObject(type, node, what, problems);
        }
        throw new NotSupportedException($"Input type {type.Name} of {what} is not supported by the binder.");
    }

    private static object? BindObject(Type type, InputNode node, string what, List<Problem> problems)
    {
        if (node is not InputNode.Mapping mapping)
        {
            return Fail(node, $"{what} expects a mapping, got {Describe(node)}", problems);
        }
        var instance = Activator.CreateInstance(type)!;
        var properties = Inputs(type).ToDictionary(YamlName, StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (!properties.TryGetValue(entry.Key, out var property))
            {
                var known = properties.Count == 0 ? "it takes no inputs" : "known inputs: " + string.Join(", ", properties.Keys.Order(StringComparer.Ordinal));
                problems.Add(new Problem(entry.KeyLocation, $"unknown input '{entry.Key}' for {what}; {known}"));
                continue;
            }
            var value = BindValue(property.PropertyType, entry.Value, $"input '{entry.Key}' of {what}", problems);
            if (value is string text && !IsTemplate(entry.Value) && property.GetCustomAttribute<ChoicesAttribute>() is { } choices && !choices.Values.Contains(text, StringComparer.Ordinal))
            {
                value = Fail(entry.Value, $"input '{entry.Key}' of {what} expects one of {string.Join(", ", choices.Values)}, got '{text}'", problems);
            }
            if (value is not null || Nullable.GetUnderlyingType(property.PropertyType) is not null || !property.PropertyType.IsValueType)
            {
                property.SetValue(instance, value);
            }
        }
        foreach (var (name, property) in properties)
        {
            if (IsRequired(property) && mapping[name] is null)
            {
                problems.Add(new Problem(mapping.Location, $"{what} is missing required input '{name}'"));
            }
        }
        return instance;
    }

    public static IReadOnlyList<(string Clr, string Yaml)> EnumNames(Type type) =>
        [.. Enum.GetNames(type).Select(n => (n, Kebab(n)))];

    /// <summary>How an enum value or property is written in YAML and JSON alike: the framework's kebab-case policy.</summary>
    public static string Kebab(string pascal) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(pascal);

    private static string Normalize(string s) => s.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);

    private static object? Fail(InputNode node, string message, List<Problem> problems)
    {
        problems.Add(new Problem(node.Location, message));
        return null;
    }

    private static string Describe(InputNode node) => node switch
    {
        InputNode.Scalar s => $"'{s.Value}'",
        InputNode.Sequence => "a list",
        _ => "a mapping",
    };
}
