using Conformance.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Scenarios.Loading;

internal static class Yaml
{
    /// <summary>Keeps each node's 1-based line and column so every later problem can point at it.</summary>
    public static InputNode ToInputNode(YamlNode node, string file)
    {
        var at = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        return node switch
        {
            YamlScalarNode s => new InputNode.Scalar(s.Value ?? "", s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, at),
            YamlSequenceNode q => new InputNode.Sequence([.. q.Children.Select(c => ToInputNode(c, file))], at),
            YamlMappingNode m => new InputNode.Mapping(
                [.. m.Children.Select(c => new InputNode.Entry(
                    (c.Key as YamlScalarNode)?.Value ?? "",
                    new SourceLocation(file, (int)c.Key.Start.Line, (int)c.Key.Start.Column),
                    ToInputNode(c.Value, file)))],
                at),
            _ => new InputNode.Scalar("", false, at),
        };
    }
}
