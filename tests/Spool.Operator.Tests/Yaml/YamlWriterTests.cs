using System.Text.Json.Nodes;
using Spool.Operator.Yaml;

namespace Spool.Operator.Tests.Yaml;

public sealed class YamlWriterTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("10Gi")]
    [InlineData("0755")]
    [InlineData("1e3")]
    [InlineData("a: b")]
    [InlineData("trailing ")]
    [InlineData(" leading")]
    [InlineData("#comment")]
    [InlineData("{{ $labels.group }}")]
    [InlineData("line one\nline two\n")]
    [InlineData("no final newline\nsecond")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("ünïcode")]
    [InlineData("")]
    public void Strings_survive_a_round_trip(string value)
    {
        var document = new JsonObject { ["key"] = value, ["list"] = new JsonArray(value, new JsonObject { ["nested"] = value }) };
        var back = YamlReader.Read(YamlWriter.Write(document));
        JsonNode.DeepEquals(back, document).Should().BeTrue(YamlWriter.Write(document));
    }

    [Fact]
    public void Scalars_keep_their_types()
    {
        var document = new JsonObject { ["int"] = 9092, ["big"] = 4294967296L, ["bool"] = true, ["nothing"] = null, ["empty"] = new JsonObject(), ["none"] = new JsonArray() };
        var yaml = YamlWriter.Write(document);
        yaml.Should().Be("int: 9092\nbig: 4294967296\nbool: true\nnothing: null\nempty: {}\nnone: []\n");
        JsonNode.DeepEquals(YamlReader.Read(yaml), document).Should().BeTrue();
    }

    [Fact]
    public void Sequences_sit_at_their_keys_indentation_like_kubectl()
    {
        var document = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "broker", ["args"] = new JsonArray("/etc/spool/server.properties") }) };
        YamlWriter.Write(document).Should().Be("containers:\n- name: broker\n  args:\n  - /etc/spool/server.properties\n");
    }

    [Fact]
    public void Multi_document_streams_are_read_whole()
    {
        var docs = YamlReader.ReadAll("---\na: 1\n---\n---\nb: two\n");
        docs.Should().HaveCount(2);
        docs[1]["b"]!.GetValue<string>().Should().Be("two");
    }
}
