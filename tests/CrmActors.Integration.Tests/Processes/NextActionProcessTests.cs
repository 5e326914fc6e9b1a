using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using CrmActors.MlModels.Journal;
using MySqlConnector;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>The model in a real silo process: served with the shipped model, reported in health, fed by the journal in MariaDB.</summary>
[Collection(ProcessCollection.Name)]
public sealed class NextActionProcessTests
{
    private const string Tenant = "acme";

    [Fact]
    public async Task Activity_ThroughTheApi_IsJournaledInMariaDb_AndTheSiloAdvisesWithItsModel()
    {
        await using var deployment = await Deployment.CreateAsync();
        var silo = await deployment.StartSiloAsync();
        var api = await deployment.StartApiAsync();
        using var admin = deployment.Client(api, Tenant, "admin-1", CrmRoles.Admin);
        await Api.PutAsync(admin, "api/v1/reps/rep-li", new { displayName = "Li" });
        var id = (await Api.PostAsync(admin, "api/v1/leads", new { name = "Mr. Zhou", phone = "13912340001", channel = "website_form" })).GetProperty("id").GetString();
        await Api.PostAsync(admin, $"api/v1/leads/{id}/assignment", new { repId = "rep-li" });
        await Api.PostAsync(admin, $"api/v1/leads/{id}/activities", new { type = "call", fields = new { outcome = "asks for the delivery time" }, tags = new[] { "delivery-time" } });

        var advice = await Api.GetAsync(admin, $"api/v1/leads/{id}/next-actions");
        using var http = new HttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync(new Uri(silo.Process.HttpBase, "health/ready"))).RootElement;

        Assert.Equal("model", advice.GetProperty("source").GetString());
        Assert.Equal(3, advice.GetProperty("actions").GetArrayLength());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("next-action-model").GetProperty("status").GetString());
        Assert.Contains(advice.GetProperty("modelVersion").GetString()!, health.GetProperty("checks").GetProperty("next-action-model").GetProperty("description").GetString(), StringComparison.Ordinal);

        await using var connection = new MySqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        // The lead's own stream (the rep's assignment stream holds the hand-over).
        await using var command = new MySqlCommand("SELECT stream, event_type, payload FROM crm_journal WHERE tenant = @t AND stream = @lead", connection);
        command.Parameters.AddWithValue("@lead", id);
        command.Parameters.AddWithValue("@t", Tenant);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((id, LeadJournalEntry.ActivityEvent), (reader.GetString(0), reader.GetString(1)));
        var entry = LeadJournalEntry.FromJson(reader.GetString(2))!;
        Assert.Equal(("call-back", "delivery-time"), (entry.Action, entry.Tags.Single()));
        Assert.False(await reader.ReadAsync());
    }
}
