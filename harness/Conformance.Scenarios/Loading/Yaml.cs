using Conformance.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Scenarios.Loading;

internal static class Yaml
{
    /// <summary>
    /// More nodes than any scenario or target needs: aliases are expanded here, so a file of a few lines that
    /// references itself ("billion laughs") stops at this many nodes with a clear error instead of eating memory.
    /// </summary>
    public const int MaxNodes = 100_000;

    /// <summary>Keeps each node's 1-based line and column so every later problem can point at it.</summary>
    public static InputNode ToInputNode(YamlNode node, string file)
    {
        var budget = MaxNodes;
        return Convert(node, file, ref budget);
    }

    private static InputNode Convert(YamlNode node, string file, ref int budget)
    {
        var at = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        if (--budget < 0)
        {
            throw new InputException(at, $"the YAML expands to more than {MaxNodes} nodes (aliases referring to aliases?); a scenario or target needs far fewer");
        }
        switch (node)
        {
            case YamlScalarNode s:
                return new InputNode.Scalar(s.Value ?? "", s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, at);
            case YamlSequenceNode q:
                var items = new List<InputNode>(q.Children.Count);
                foreach (var child in q.Children)
                {
                    items.Add(Convert(child, file, ref budget));
                }
                return new InputNode.Sequence(items, at);
            case YamlMappingNode m:
                var entries = new List<InputNode.Entry>(m.Children.Count);
                foreach (var (key, value) in m.Children)
                {
                    entries.Add(new InputNode.Entry((key as YamlScalarNode)?.Value ?? "", new SourceLocation(file, (int)key.Start.Line, (int)key.Start.Column), Convert(value, file, ref budget)));
                }
                return new InputNode.Mapping(entries, at);
            default:
                return new InputNode.Scalar("", false, at);
        }
    }
}
