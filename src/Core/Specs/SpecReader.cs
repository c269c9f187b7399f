using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mentia.Core.Specs;

/// <summary>
/// Reads a sweep spec from YAML or JSON (JSON is read by the same YAML 1.2 parser) and validates every
/// field, collecting all problems before failing so a user fixes a spec in one round.
/// </summary>
public static class SpecReader
{
    public static SweepSpec ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpecValidationException(path, [new SpecError("(file)", $"file '{path}' does not exist")]);
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static SweepSpec Parse(string text, string source = "spec")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SpecValidationException(source, [new SpecError("(syntax)", e.Message, (int)e.Start.Line)]);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SpecValidationException(source, [new SpecError("(root)", "the spec must be one mapping of keys to values")]);
        }
        var walker = new SpecWalker();
        var spec = walker.ReadSpec(root);
        if (walker.Errors.Count > 0 || spec is null)
        {
            throw new SpecValidationException(source, walker.Errors);
        }
        return spec;
    }
}
