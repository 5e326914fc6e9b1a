using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmActors.FollowUp.Tests;

public sealed class JsonInputErrorTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private static readonly JsonSerializerOptions Strict = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    [Theory]
    [InlineData("""{"name":42}""", "name", "'name' must be text.")]
    [InlineData("""{"count":"many"}""", "count", "'count' must be a whole number within range.")]
    [InlineData("""{"count":1.5}""", "count", "'count' must be a whole number within range.")]
    [InlineData("""{"budget":1e999}""", "budget", "'budget' must be a number within range.")]
    [InlineData("""{"active":"yes"}""", "active", "'active' must be true or false.")]
    [InlineData("""{"at":"tomorrow"}""", "at", "'at' must be a date and time in ISO 8601 form, such as 2026-03-01T09:30:00+08:00.")]
    [InlineData("""{"light":"purple"}""", "light", "'light' must be one of: green, yellow, red.")]
    [InlineData("""{"items":[{"name":"a"},{"name":["b"]}]}""", "items[1].name", "'items[1].name' must be text.")]
    [InlineData("""{"items":{"name":"a"}}""", "items", "'items' must be a list ([...]).")]
    [InlineData("""{"fields":{"customer words":7}}""", "fields.customer words", "'fields.customer words' must be text.")]
    [InlineData("""{"inner":"x"}""", "inner", "'inner' must be an object ({...}).")]
    [InlineData("""[1]""", "$", "The body must be an object ({...}).")]
    [InlineData("""{"inner":{}}""", "inner.id", "'inner.id' is required.")]
    public void Describe_WrongValue_NamesTheFieldAndWhatItMustBe(string json, string field, string message)
    {
        var error = Describe(json, Options);

        Assert.Equal((field, message), error);
    }

    [Theory]
    [InlineData("""{"name":"a",}""")]
    [InlineData("""{"name":""")]
    [InlineData("""{'name':'a'}""")]
    [InlineData("""{"name":"a"}{}""")]
    public void Describe_MalformedJson_IsAboutTheDocumentAndSaysWhere(string json)
    {
        var (field, message) = Describe(json, Options);

        Assert.Equal("$", field);
        Assert.StartsWith("The JSON is malformed (line 1, byte ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_UnknownMemberWhereRefused_NamesIt()
    {
        Assert.Equal(("inner.nmae", "'inner.nmae' is not a known field; check its spelling."), Describe("""{"inner":{"id":"x","nmae":1}}""", Strict));
    }

    [Fact]
    public void Describe_UnderARoot_SpellsTheFieldFromIt()
    {
        Assert.Equal(("leads[3].count", "'leads[3].count' must be a whole number within range."), Describe("""{"count":true}""", Options, "leads[3]"));
        Assert.Equal(("leads[3]", "'leads[3]' must be an object ({...})."), Describe("""7""", Options, "leads[3]"));
    }

    [Theory]
    [InlineData("""{"name":42}""")]
    [InlineData("""{"light":"purple"}""")]
    [InlineData("""{"inner":{}}""")]
    [InlineData("""{"items":[{"name":["b"]}]}""")]
    [InlineData("""{"inner":{"id":"x","nmae":1}}""")]
    public void Describe_AnyFailure_NamesNoDotNetType(string json)
    {
        var (_, message) = Describe(json, Strict);

        foreach (var code in new[] { "CrmActors", "System.", "Sample", "Int32", "String", "Nullable" })
        {
            Assert.DoesNotContain(code, message, StringComparison.Ordinal);
        }
    }

    private static (string Field, string Message) Describe(string json, JsonSerializerOptions options, string root = JsonInputError.Document)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Sample>(json, options));
        return JsonInputError.Describe(ex, typeof(Sample), options, root);
    }

    public enum Light
    {
        Green,
        Yellow,
        Red,
    }

    public sealed record class Inner
    {
        public required string Id { get; init; }
    }

    public sealed record class Item(string? Name);

    public sealed record class Sample(
        string? Name,
        int? Count,
        decimal? Budget,
        bool? Active,
        DateTimeOffset? At,
        Light? Light,
        IReadOnlyList<Item>? Items,
        Dictionary<string, string>? Fields,
        Inner? Inner);
}
