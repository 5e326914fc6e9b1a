using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Stats;
using MySqlConnector;

namespace CrmActors.Silo.Storage;

/// <summary>Lead figures in <c>crm_lead_figures</c>: one multi-row upsert per batch; a row is only replaced by newer figures.</summary>
public sealed class MySqlLeadFigureStore(string connectionString) : ILeadFigureStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<LeadFigures>> LoadAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var rows = new List<LeadFigures>();
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // One range of the primary key, (tenant, row id) since migration 0016, so the rows are read in the order they are
        // stored. The query names no column of that migration: a silo runs against the schema before it as well.
        await using var command = new MySqlCommand("SELECT figures FROM crm_lead_figures WHERE tenant = @tenant", connection);
        command.Parameters.AddWithValue("@tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (JsonSerializer.Deserialize<LeadFigures>(reader.GetString(0), LeadFigureJson.Options) is { } figures)
            {
                rows.Add(figures);
            }
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task UpsertAsync(string tenant, IReadOnlyList<LeadFigures> figures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Count == 0)
        {
            return;
        }

        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("INSERT INTO crm_lead_figures (tenant, lead_id, figures, updated_at) VALUES ");
        command.Parameters.AddWithValue("@tenant", tenant);
        for (var i = 0; i < figures.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"(@tenant, @lead{i}, @figures{i}, @at{i})");
            command.Parameters.AddWithValue($"@lead{i}", figures[i].LeadId);
            command.Parameters.AddWithValue($"@figures{i}", JsonSerializer.Serialize(figures[i], LeadFigureJson.Options));
            command.Parameters.AddWithValue($"@at{i}", figures[i].UpdatedAt.UtcDateTime);
        }

        // Older figures (a retried batch arriving after a newer one) never replace newer ones.
        sql.Append(" ON DUPLICATE KEY UPDATE figures = IF(VALUES(updated_at) >= updated_at, VALUES(figures), figures), updated_at = GREATEST(updated_at, VALUES(updated_at))");
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
