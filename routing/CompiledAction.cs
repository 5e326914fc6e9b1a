namespace CrmActors.Routing;

/// <summary>A validated action with its target resolved to roster indices.</summary>
/// <param name="Source">The action as written.</param>
/// <param name="Pool">The roster indices of the target's reps (the group's members, or the one named rep).</param>
/// <param name="ShortlistSize">How many reps the decision shortlists: N for top-N, otherwise 1.</param>
/// <param name="Require">Profile fields a candidate must cover.</param>
/// <param name="TechnicalPool">The roster indices of the technical engineer group; empty unless co-assigning one.</param>
/// <param name="Notify">The alert channels, copied and read-only, shared by every decision.</param>
internal sealed record class CompiledAction(
    RuleAction Source,
    int[] Pool,
    int ShortlistSize,
    FieldId[] Require,
    int[] TechnicalPool,
    IReadOnlyList<NotifyChannel> Notify)
{
    public string DescribeTarget() => Source.Target.Kind switch
    {
        TargetKind.Rep => $"rep '{Source.Target.Id}'",
        TargetKind.TopOfGroup => FormattableString.Invariant($"the top {Source.Target.Count} of group '{Source.Target.Id}'"),
        _ => $"group '{Source.Target.Id}'",
    };
}
