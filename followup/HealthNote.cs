namespace CrmActors.FollowUp;

/// <summary>A reason for the customer health light that another system gave (a return, say), and the light it asks for.</summary>
public sealed record class HealthNote(QualityLight Light, string Reason);
