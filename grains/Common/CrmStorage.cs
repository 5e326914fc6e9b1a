namespace CrmActors.Grains.Common;

/// <summary>Names shared by every grain's persisted state.</summary>
public static class CrmStorage
{
    /// <summary>The grain storage provider every CrmActors grain uses (configured under Orleans:GrainStorage:crm).</summary>
    public const string Name = "crm";
}
