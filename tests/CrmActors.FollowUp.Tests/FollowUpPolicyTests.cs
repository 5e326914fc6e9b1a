namespace CrmActors.FollowUp.Tests;

public sealed class FollowUpPolicyTests
{
    [Fact]
    public void Parse_EmptyObject_IsTheFieldDefaults()
    {
        var (policy, errors) = FollowUpPolicy.Parse("{}");
        Assert.Empty(errors);
        Assert.Equal([3, 5, 7], policy!.Escalation.Select(s => s.AfterDays));
        Assert.Equal([EscalationAction.RemindRep, EscalationAction.CopySupervisor, EscalationAction.Reassign], policy.Escalation.Select(s => s.Action));
        Assert.Equal(72, policy.Promises.NotOpenedHours);
        Assert.Equal(7, policy.Promises.NotReadDays);
        Assert.Equal(3, policy.ContactLogMinutes);
        Assert.Equal(7, policy.CustomerSilenceDays);
        Assert.Equal(120, policy.CalendarToleranceMinutes);
    }

    [Fact]
    public void Parse_DefaultsWrittenOut_RoundTrip()
    {
        var (policy, errors) = FollowUpPolicy.Parse(FollowUpPolicy.Default.ToJson());
        Assert.Empty(errors);
        Assert.Equal(FollowUpPolicy.Default.ToJson(), policy!.ToJson());
    }

    [Fact]
    public void Parse_UnknownMember_IsRefusedNotIgnored()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""{ "escalaton": [] }""");
        Assert.Null(policy);
        Assert.Contains("escalaton", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadValues_EveryOneNamed()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""
            {
              "escalation": [ { "afterDays": 5, "action": "remindRep" }, { "afterDays": 3, "action": "flag" } ],
              "promises": { "notOpenedHours": 200, "notReadDays": 7 },
              "contactLogMinutes": 0,
              "evidenceRequiredFor": ["call", "fax"],
              "alertChannels": ["dingTalk", "pager"],
              "calendar": { "timeZone": "Mars/Olympus", "hours": { "mon": ["18:00-09:00"], "funday": ["09:00-10:00"] }, "holidays": ["2026-13-01"] },
              "quality": { "returnWithinMinutes": 240, "rules": [] },
              "hints": [ { "id": "a", "card": "x" }, { "id": "a", "card": "y", "whenTag": "t" } ]
            }
            """);
        Assert.Null(policy);
        Assert.Equal(
            new[]
            {
                "calendar.timeZone", "calendar.hours.mon[0]", "calendar.hours.funday", "calendar.holidays[0]",
                "escalation[1].afterDays", "promises.notReadDays", "contactLogMinutes", "evidenceRequiredFor[1]", "alertChannels[1]",
                "quality.returnWithinMinutes", "hints[0].whenTag", "hints[1].id",
            }.Order(),
            errors.Select(e => e.Path).Order());
    }

    [Fact]
    public void Parse_OverlappingCalendarHours_SaysSoWithoutCodeNames()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""{ "calendar": { "hours": { "mon": ["09:00-13:00", "12:00-18:00"] } } }""");

        Assert.Null(policy);
        var error = Assert.Single(errors);
        Assert.Equal("calendar.hours", error.Path);
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongJsonType_NamesThePath()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""{ "contactLogMinutes": "three" }""");
        Assert.Null(policy);
        Assert.Equal("contactLogMinutes", Assert.Single(errors).Path);
    }

    [Fact]
    public void CalendarOf_ValidCalendar_MeasuresInItsHours()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""
            { "calendar": { "timeZone": "Asia/Shanghai", "hours": { "mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"], "thu": ["09:00-18:00"], "fri": ["09:00-18:00"] } } }
            """);
        Assert.Empty(errors);
        var calendar = FollowUpPolicyValidator.CalendarOf(policy!);

        // Friday 2026-03-06 17:00 Shanghai (09:00 UTC) + 2 business hours = Monday 10:00 Shanghai (02:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 2, 0, 0, TimeSpan.Zero), calendar.Add(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void CalendarOf_NoCalendar_IsAlwaysOpen() =>
        Assert.Same(BusinessCalendar.AlwaysOpen, FollowUpPolicyValidator.CalendarOf(FollowUpPolicy.Default));

    [Fact]
    public void Parse_NullMembers_AreRefusedNotKept()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""
            { "escalation": null, "hints": null, "alertChannels": null, "quality": { "rules": [ { "light": "red", "reason": "x", "when": null } ] }, "calendar": { "timeZone": "Asia/Shanghai", "hours": null } }
            """);
        Assert.Null(policy);
        Assert.Equal(
            new[] { "alertChannels", "calendar.hours", "escalation", "hints", "quality.rules[0].when" },
            errors.Select(e => e.Path).Distinct().Order());
    }

    [Fact]
    public void Approvals_FieldDefaults_AreTheS8Tiers()
    {
        var approvals = FollowUpPolicy.Default.Approvals;
        Assert.Equal((ApprovalPolicy.Automatic, 0), (approvals.TierFor(5m)!.Value.Tier.Approver, approvals.TierFor(5m)!.Value.Index));
        Assert.Equal(ApprovalPolicy.Regional, approvals.TierFor(5.01m)!.Value.Tier.Approver);
        Assert.Equal(ApprovalPolicy.Regional, approvals.TierFor(10m)!.Value.Tier.Approver);
        Assert.Equal(2, approvals.TierFor(10.5m)!.Value.Index);
    }

    [Fact]
    public void Approvals_BadTiersAndHours_AreNamed()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""
            { "approvals": { "tiers": [ { "upToPercent": 10, "approver": "auto" }, { "upToPercent": 5, "approver": "" } ], "remindAfterHours": 8, "escalateAfterHours": 8 } }
            """);
        Assert.Null(policy);
        Assert.Equal(
            ["approvals.escalateAfterHours", "approvals.tiers[1].approver", "approvals.tiers[1].upToPercent"],
            errors.Select(e => e.Path).Order());
    }

    [Fact]
    public void Opportunity_TenantSwitchesChecksOff_OnlyTheRestAreEvaluated()
    {
        var (policy, errors) = FollowUpPolicy.Parse("""{ "opportunity": { "requireDocument": false, "confirmWithinHours": 0 } }""");
        Assert.Empty(errors);
        var checks = policy!.Opportunity.Evaluate(new OpportunityFacts(DateTimeOffset.UnixEpoch, 1000m, null, null, null, null));
        Assert.Equal(["meeting", "budget"], checks.Select(c => c.Name));
        Assert.True(checks.All(c => c.Passed));
    }
}
