using CrmActors.GrainInterfaces.Leads;
using CrmActors.Grains.Common;
using CrmActors.MlModels.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmActors.Grains.NextActions;

/// <summary>Where a silo finds its models and how often it looks for a new one ("Models" configuration section).</summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Models";

    /// <summary>The models root: version directories and the <c>current</c> file (default: <c>models</c> beside the silo).</summary>
    public string? Directory { get; set; }

    /// <summary>How often the <c>current</c> file is read for a new version.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Closed leads a tenant's journal needs before its own model is trained. One constant for now, to be set from the
    /// learning curve on the new simulator (below it the score loses to the points score, ml-models/README.md).
    /// </summary>
    public const int DefaultTenantMinimumClosedLeads = 200;

    /// <summary>Closed leads a tenant's journal needs before its own model is trained (<see cref="DefaultTenantMinimumClosedLeads"/>).</summary>
    public int TenantMinimumClosedLeads { get; set; } = DefaultTenantMinimumClosedLeads;

    /// <summary>How much the closed leads must have grown since the last training before the next (0.2: by a fifth).</summary>
    public double TenantRetrainGrowth { get; set; } = 0.2;

    /// <summary>How often a tenant's journal is counted for a training (a durable reminder).</summary>
    public TimeSpan TenantCheckPeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The root to use.</summary>
    public string ResolveDirectory() => Path.GetFullPath(Directory ?? Path.Combine(AppContext.BaseDirectory, "models"));
}

/// <summary>
/// The silo's loaded models: reads <c>current</c> at most every <see cref="ModelOptions.CheckInterval"/> and loads a
/// version it names that differs from the one served. A missing or incompatible version is refused (logged, and
/// reported in <see cref="Status"/> and health): the silo keeps serving the model it had, or the rule hints.
/// </summary>
public sealed partial class ModelStore(IOptions<ModelOptions> options, [FromKeyedServices(CrmClock.Key)] TimeProvider clock, ILogger<ModelStore> logger)
{
    private readonly Lock gate = new();
    private readonly string root = options.Value.ResolveDirectory();
    private LoadedModels? loaded;
    private string? problem = "not loaded yet";
    private DateTimeOffset? checkedAt;

    /// <summary>The models to serve, or null (serve the rule hints).</summary>
    public LoadedModels? Current
    {
        get
        {
            Refresh();
            return loaded;
        }
    }

    /// <summary>What is served and what went wrong.</summary>
    public ModelStatus Status
    {
        get
        {
            Refresh();
            lock (gate)
            {
                return new ModelStatus(loaded?.Manifest.Version, problem, root, checkedAt ?? clock.GetUtcNow());
            }
        }
    }

    private void Refresh()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (checkedAt is { } last && now - last < options.Value.CheckInterval)
            {
                return;
            }

            checkedAt = now;
            var currentFile = Path.Combine(root, ModelManifest.CurrentFile);
            string version;
            try
            {
                version = File.Exists(currentFile) ? File.ReadAllText(currentFile).Trim() : string.Empty;
            }
            catch (IOException ex)
            {
                Refuse(null, $"cannot read {currentFile}: {ex.Message}");
                return;
            }

            if (version.Length == 0)
            {
                Refuse(null, $"no model: {currentFile} is missing or empty");
                return;
            }

            // A refused version is tried again at the next check: its files may still be on their way.
            if (version == loaded?.Manifest.Version)
            {
                return;
            }

            if (version.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || version.Contains("..", StringComparison.Ordinal))
            {
                Refuse(version, $"'{version}' is not a model version name");
                return;
            }

            try
            {
                var next = LoadedModels.Load(Path.Combine(root, version));
                LogServing(logger, next.Manifest.Version, loaded?.Manifest.Version ?? "rule hints", next.Manifest.Source);
                loaded = next;
                problem = null;
            }
            catch (ModelUnavailableException ex)
            {
                Refuse(version, ex.Message);
            }
        }
    }

    private void Refuse(string? version, string why)
    {
        var message = loaded is null ? $"{why}; serving the rule hints" : $"{why}; still serving {loaded.Manifest.Version}";
        if (message != problem)
        {
            LogRefused(logger, version ?? "(none)", message);
        }

        problem = message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Next-action model {Version} loaded (replacing {Previous}); trained on {Source}")]
    private static partial void LogServing(ILogger logger, string version, string previous, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Next-action model {Version} not served: {Problem}")]
    private static partial void LogRefused(ILogger logger, string version, string problem);
}
