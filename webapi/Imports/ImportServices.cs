using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Imports;

/// <summary>Registers durable imports: the file store chosen by configuration, the runner and the sweep that resumes lapsed imports.</summary>
public static class ImportServices
{
    /// <summary>Imports:FileStore for files in the crm database, shared by every instance.</summary>
    public const string MySqlStore = "MySql";

    /// <summary>Imports:FileStore for files in this process's memory (no database).</summary>
    public const string MemoryStore = "Memory";

    /// <summary>Adds the import services; the file store is Imports:FileStore, by default MySql with ConnectionStrings:crm and Memory without.</summary>
    public static IServiceCollection AddCrmImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.LeaseDuration >= 3 * o.ReportEvery, "Imports:LeaseDuration must be at least three times Imports:ReportEvery, or a busy instance loses its leases.")
            .Validate(o => o.ResumeEvery > TimeSpan.Zero && o.ReportEvery > TimeSpan.Zero, "Imports:ResumeEvery and Imports:ReportEvery must be positive.")
            .Validate(o => o.FileChunkBytes is >= 4096 and <= 16 * 1024 * 1024, "Imports:FileChunkBytes must be between 4 KB and 16 MB.")
            .Validate(o => o.FileStore is null or MySqlStore or MemoryStore, $"Imports:FileStore must be {MySqlStore} or {MemoryStore}.")
            .ValidateOnStart();
        var connectionString = configuration.GetConnectionString("crm");
        var store = configuration[$"{ImportOptions.Section}:{nameof(ImportOptions.FileStore)}"] ?? (string.IsNullOrEmpty(connectionString) ? MemoryStore : MySqlStore);
        if (store == MySqlStore)
        {
            services.AddSingleton<IImportFileStore>(sp => new MySqlImportFileStore(
                string.IsNullOrEmpty(connectionString) ? throw new InvalidOperationException("Imports:FileStore MySql needs ConnectionStrings:crm.") : connectionString,
                sp.GetRequiredService<IOptions<ImportOptions>>().Value.FileChunkBytes,
                sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IImportFileStore, InMemoryImportFileStore>();
        }

        services.AddSingleton<ImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportRunner>());
        services.AddSingleton<ImportResumer>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportResumer>());
        return services;
    }
}
