namespace CrmActors.Routing;

/// <summary>A validated rule: conditions, all of which must match, and its action.</summary>
internal sealed record class CompiledRule(int Index, string Id, string Name, CompiledCondition[] Conditions, CompiledAction Action)
{
    public bool Matches(in LeadView lead)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.Matches(lead))
            {
                return false;
            }
        }

        return true;
    }
}
