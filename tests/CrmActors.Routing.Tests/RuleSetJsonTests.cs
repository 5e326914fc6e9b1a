using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmActors.Routing.Tests;

/// <summary>Admins author rule sets as JSON; a mistake must come back as a named error, not a parse failure.</summary>
public sealed class RuleSetJsonTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string DouyinRuleSet = """
        {
          "version": 3,
          "rules": [
            {
              "id": "douyin-urgent",
              "name": "Douyin DM marked urgent",
              "conditions": [
                { "field": "channel", "operator": "equals", "values": ["douyin_dm"] },
                { "field": "note", "operator": "OPERATOR", "values": ["急", "urgent"] }
              ],
              "action": {
                "target": { "kind": "topOfGroup", "id": "enrollment", "count": 2 },
                "urgency": "high",
                "firstTouchSla": "00:30:00",
                "notify": ["sms", "dingTalk"]
              }
            }
          ],
          "fallback": { "target": { "kind": "group", "id": "enrollment" } }
        }
        """;

    private static readonly RepProfile[] Roster = [Build.Rep("rep-sun", "enrollment"), Build.Rep("rep-zhou", "enrollment")];

    [Fact]
    public void RuleSet_AuthoredAsJsonWithUnknownOperator_IsRejectedNamingRuleAndField()
    {
        var ruleSet = JsonSerializer.Deserialize<RuleSet>(DouyinRuleSet.Replace("OPERATOR", "like", StringComparison.Ordinal), Json)!;

        var error = Assert.Single(RuleSetValidator.Validate(ruleSet, Roster));

        Assert.Equal(("rules[0].conditions[1].operator", 0, "douyin-urgent"), (error.Path, error.RuleIndex, error.RuleId));
    }

    [Fact]
    public void RuleSet_AuthoredAsJson_RoutesWithDefaultWeights()
    {
        var ruleSet = JsonSerializer.Deserialize<RuleSet>(DouyinRuleSet.Replace("OPERATOR", "containsAny", StringComparison.Ordinal), Json)!;
        var router = CompiledRuleSet.Create(ruleSet, Roster);

        var decision = router.Route(Build.Lead("douyin_dm") with { Note = "比较急" }, Build.NoLoads, Build.Now);

        Assert.Equal(ScoringWeights.Default, ruleSet.Weights);
        Assert.Equal(("douyin-urgent", 3), (decision.RuleId, decision.RuleSetVersion));
        Assert.Equal(["rep-sun", "rep-zhou"], decision.Shortlist);
        Assert.Equal(TimeSpan.FromMinutes(30), decision.FirstTouchSla);
        Assert.Equal([NotifyChannel.Sms, NotifyChannel.DingTalk], decision.Notify);
    }
}
