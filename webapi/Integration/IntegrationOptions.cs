namespace CrmActors.WebApi.Integration;

/// <summary>The integration API's settings (section <c>Integration</c>).</summary>
public sealed class IntegrationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Integration";

    /// <summary>Where keys are kept: <c>MySql</c> (crm_integration_keys; default with ConnectionStrings:crm) or <c>Memory</c>.</summary>
    public string? KeyStore { get; set; }

    /// <summary>How far a request's timestamp may be from this server's clock, either way, before it is refused as a replay.</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most events one bulk request may carry.</summary>
    public int MaxBatchItems { get; set; } = 500;

    /// <summary>The largest bulk request body, in bytes.</summary>
    public long MaxBatchBytes { get; set; } = 1024 * 1024;
}
