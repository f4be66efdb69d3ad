using Conformance.Results;
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

    /// <summary>Deeper than any scenario or target nests.</summary>
    public const int MaxDepth = 64;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A YAML file's text, read as UTF-8 (a BOM allowed). Bytes that are not UTF-8 are refused at their line rather
    /// than turned into U+FFFD, which would put text nobody wrote into a requirement quote or a userName.
    /// </summary>
    public static string ReadText(string path, string display)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new SourceLocation(display, 1, 1), $"cannot read the file: {ex.Message}");
        }
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            var index = Math.Clamp(ex.Index, 0, bytes.Length);
            var lineStart = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(index - 1, 0)) + 1;
            var line = 1 + bytes.AsSpan(0, index).Count((byte)'\n');
            throw new InputException(new SourceLocation(display, line, index - lineStart + 1), $"the file is not UTF-8: byte 0x{bytes[Math.Min(index, bytes.Length - 1)]:X2} cannot start or continue a character; save it as UTF-8");
        }
    }

    /// <summary>Parses YAML text; a syntax error of any kind becomes a problem at its line, never an exception of the parser's.</summary>
    public static YamlStream Load(string text, string display)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InputException(new SourceLocation(display, (int)ex.Start.Line, (int)ex.Start.Column), "YAML is not well-formed: " + (ex.InnerException?.Message ?? ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some unclosed flow collections this way rather than as a YamlException.
            throw new InputException(new SourceLocation(display, 1, 1), "YAML is not well-formed: " + ex.Message);
        }
        return stream;
    }

    /// <summary>Keeps each node's 1-based line and column so every later problem can point at it.</summary>
    public static InputNode ToInputNode(YamlNode node, string file)
    {
        var budget = MaxNodes;
        return Convert(node, file, ref budget, depth: 0);
    }

    private static InputNode Convert(YamlNode node, string file, ref int budget, int depth)
    {
        var at = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        if (depth > MaxDepth)
        {
            // An anchor inside itself (&a [*a]) is endless: stop at a depth no scenario or target comes near.
            throw new InputException(at, $"the YAML nests deeper than {MaxDepth} levels (an alias inside its own anchor?)");
        }
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
                    items.Add(Convert(child, file, ref budget, depth + 1));
                }
                return new InputNode.Sequence(items, at);
            case YamlMappingNode m:
                var entries = new List<InputNode.Entry>(m.Children.Count);
                foreach (var (key, value) in m.Children)
                {
                    entries.Add(new InputNode.Entry((key as YamlScalarNode)?.Value ?? "", new SourceLocation(file, (int)key.Start.Line, (int)key.Start.Column), Convert(value, file, ref budget, depth + 1)));
                }
                return new InputNode.Mapping(entries, at);
            default:
                return new InputNode.Scalar("", false, at);
        }
    }
}
