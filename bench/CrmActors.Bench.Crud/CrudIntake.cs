using System.Text.Json;
using MySqlConnector;

namespace CrmActors.Bench.Crud;

/// <summary>
/// One transaction per lead: upsert the customer by phone, take a rep (the least-loaded active one with
/// <c>UPDATE ... ORDER BY open_leads LIMIT 1</c>, or one picked by the phone's hash, which is not load-aware), insert
/// the lead and its first-touch deadline, commit, answer 201 with the owner and the due time. A second lead for a known
/// phone is recorded on the customer like any other (no duplicate detection beyond the upsert).
/// </summary>
internal sealed class CrudIntake(CrudOptions options)
{
    private static readonly TimeSpan FirstTouch = TimeSpan.FromHours(1);

    /// <summary>Creates the tables (dropped first: every run starts empty) and the reps.</summary>
    public async Task PrepareAsync()
    {
        await using var connection = new MySqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DROP TABLE IF EXISTS crud_deadline, crud_lead, crud_customer, crud_rep;
            CREATE TABLE crud_customer (phone VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, leads INT NOT NULL, created_at DATETIME(3) NOT NULL) ENGINE=InnoDB;
            CREATE TABLE crud_rep (seq INT NOT NULL PRIMARY KEY, id VARCHAR(32) NOT NULL, active BOOL NOT NULL, open_leads INT NOT NULL, INDEX ix_load (active, open_leads)) ENGINE=InnoDB;
            CREATE TABLE crud_lead (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, phone VARCHAR(32) NOT NULL, name VARCHAR(200) NOT NULL, channel VARCHAR(64) NOT NULL,
                payload TEXT NOT NULL, owner VARCHAR(32) NOT NULL, created_at DATETIME(3) NOT NULL) ENGINE=InnoDB;
            CREATE TABLE crud_deadline (lead_id BIGINT NOT NULL PRIMARY KEY, due_at DATETIME(3) NOT NULL, INDEX ix_due (due_at)) ENGINE=InnoDB;
            """;
        await command.ExecuteNonQueryAsync();
        for (var i = 1; i <= options.Reps; i++)
        {
            command.CommandText = $"INSERT INTO crud_rep (seq, id, active, open_leads) VALUES ({i}, 'rep-{i:D2}', TRUE, 0)";
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>POST /api/v1/leads.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        LeadBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<LeadBody>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: 400, title: "The body is not a lead.");
        }

        if (body is null || string.IsNullOrWhiteSpace(body.Name) || string.IsNullOrWhiteSpace(body.Phone) || string.IsNullOrWhiteSpace(body.Channel))
        {
            return Results.Problem(statusCode: 400, title: "name, phone and channel are required.");
        }

        var now = DateTime.UtcNow;
        await using var connection = new MySqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@phone", body.Phone);
        command.Parameters.AddWithValue("@name", body.Name);
        command.Parameters.AddWithValue("@channel", body.Channel);
        command.Parameters.AddWithValue("@payload", JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
        command.Parameters.AddWithValue("@now", now);
        command.Parameters.AddWithValue("@due", now + FirstTouch);
        command.Parameters.AddWithValue("@seq", 1 + (int)((uint)StringComparer.Ordinal.GetHashCode(body.Phone) % (uint)options.Reps));
        command.CommandText = "INSERT INTO crud_customer (phone, name, leads, created_at) VALUES (@phone, @name, 1, @now) ON DUPLICATE KEY UPDATE leads = leads + 1";
        await command.ExecuteNonQueryAsync();

        // The rep: LAST_INSERT_ID(expr) hands the chosen row's key back from the UPDATE.
        command.CommandText = options.LeastLoaded
            ? "UPDATE crud_rep SET open_leads = open_leads + 1, seq = LAST_INSERT_ID(seq) WHERE active ORDER BY open_leads, seq LIMIT 1; SELECT id FROM crud_rep WHERE seq = LAST_INSERT_ID()"
            : "UPDATE crud_rep SET open_leads = open_leads + 1 WHERE seq = @seq; SELECT id FROM crud_rep WHERE seq = @seq";
        var owner = (string?)await command.ExecuteScalarAsync();
        if (owner is null)
        {
            await transaction.RollbackAsync();
            return Results.Problem(statusCode: 503, title: "No active rep.");
        }

        command.Parameters.AddWithValue("@owner", owner);
        command.CommandText = "INSERT INTO crud_lead (phone, name, channel, payload, owner, created_at) VALUES (@phone, @name, @channel, @payload, @owner, @now); "
            + "INSERT INTO crud_deadline (lead_id, due_at) VALUES (LAST_INSERT_ID(), @due); SELECT LAST_INSERT_ID()";
        var leadId = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync();
        return Results.Json(new { id = $"crud-{leadId}", ownerRepId = owner, firstTouchDueAt = now + FirstTouch }, statusCode: 201);
    }

    /// <summary>The fields of the product's lead body this service stores.</summary>
    internal sealed record class LeadBody(string? Name, string? Phone, string? Channel, string? Email, string? Company, string? ProductInterest, string? Note);
}
