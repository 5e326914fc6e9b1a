namespace CrmActors.WebApi.Integration;

/// <summary>Registers the integration API's key store (chosen by Integration:KeyStore) and its ingest.</summary>
public static class IntegrationServices
{
    /// <summary>Integration:KeyStore for keys in the crm database, shared by every instance.</summary>
    public const string MySqlStore = "MySql";

    /// <summary>Integration:KeyStore for keys in this process's memory.</summary>
    public const string MemoryStore = "Memory";

    /// <summary>Adds the integration services; the key store is MySql with ConnectionStrings:crm and Memory without, unless Integration:KeyStore says.</summary>
    public static IServiceCollection AddCrmIntegration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntegrationOptions>().BindConfiguration(IntegrationOptions.Section)
            .Validate(o => o.KeyStore is null or MySqlStore or MemoryStore, $"Integration:KeyStore must be {MySqlStore} or {MemoryStore}.")
            .Validate(o => o.SignatureWindow > TimeSpan.Zero && o.MaxBatchItems > 0 && o.MaxBatchBytes > 0, "Integration: the signature window, batch items and batch bytes must be positive.")
            .ValidateOnStart();
        var connectionString = configuration.GetConnectionString("crm");
        var store = configuration[$"{IntegrationOptions.Section}:{nameof(IntegrationOptions.KeyStore)}"] ?? (string.IsNullOrEmpty(connectionString) ? MemoryStore : MySqlStore);
        if (store == MySqlStore)
        {
            services.AddSingleton<IIntegrationKeyStore>(_ => new MySqlIntegrationKeyStore(
                string.IsNullOrEmpty(connectionString) ? throw new InvalidOperationException("Integration:KeyStore MySql needs ConnectionStrings:crm.") : connectionString));
        }
        else
        {
            services.AddSingleton<IIntegrationKeyStore, InMemoryIntegrationKeyStore>();
        }

        services.AddSingleton<IntegrationIngest>();
        return services;
    }
}
