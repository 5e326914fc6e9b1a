using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmActors.MlModels.Serving;

/// <summary>
/// What a model directory holds and what it was trained on. A model whose schema version or action catalogue
/// differs from this build's is incompatible: serving refuses it and falls back to the rule hints.
/// </summary>
/// <param name="Version">The model version (also the directory name).</param>
/// <param name="SchemaVersion">The <see cref="LeadFeatures.SchemaVersion"/> it was trained on.</param>
/// <param name="Catalogue">The <see cref="ActionCatalogue.Fingerprint"/> it was trained on.</param>
/// <param name="Source">What it was trained on, e.g. <c>simulator seed 42, 15000 leads</c> or <c>journal of tenant acme</c>.</param>
/// <param name="TrainingLeads">Leads trained on.</param>
/// <param name="TrainingRows">Decision points trained on.</param>
public sealed record class ModelManifest(string Version, int SchemaVersion, string Catalogue, string Source, int TrainingLeads, int TrainingRows)
{
    /// <summary>The manifest's file name in a model directory.</summary>
    /// <summary>The concern model's figures (<see cref="Training.ConcernModel"/>), or null for a model trained before it existed.</summary>
    public Training.ConcernModelParameters? Concerns { get; init; }

    public const string FileName = "manifest.json";

    /// <summary>The next-action model's file name.</summary>
    public const string NextActionFile = "next-action.zip";

    /// <summary>The scoring model's file name.</summary>
    public const string ScoringFile = "lead-score.zip";

    /// <summary>The file of the team's practice model (how often the team takes each action in such a case).</summary>
    public const string PracticeFile = "practice.zip";

    /// <summary>The file in the models root naming the version to serve.</summary>
    public const string CurrentFile = "current";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Why this manifest cannot be served by this build, or null when it can.</summary>
    public string? Incompatibility() =>
        SchemaVersion != LeadFeatures.SchemaVersion ? $"the model reads feature schema v{SchemaVersion}, this build writes v{LeadFeatures.SchemaVersion}"
        : Catalogue != ActionCatalogue.Fingerprint ? "the model was trained on another action catalogue"
        : null;

    /// <summary>The manifest as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a manifest; throws <see cref="JsonException"/> when it is not one.</summary>
    public static ModelManifest FromJson(string json) =>
        JsonSerializer.Deserialize<ModelManifest>(json, Json) ?? throw new JsonException("The manifest is empty.");
}
