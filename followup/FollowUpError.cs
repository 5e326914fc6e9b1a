namespace CrmActors.FollowUp;

/// <summary>One problem in a follow-up policy or an activity, naming where it is.</summary>
/// <param name="Path">The field in the API's spelling, e.g. <c>escalation[2].action</c> or <c>fields.customerWords</c>.</param>
/// <param name="Message">What is wrong, for the person who wrote it.</param>
public sealed record class FollowUpError(string Path, string Message)
{
    /// <summary>The error as one line.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
