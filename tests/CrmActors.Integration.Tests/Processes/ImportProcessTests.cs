using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;
using Xunit.Abstractions;

namespace CrmActors.Integration.Tests.Processes;

/// <summary>
/// An import outlives the web API process that accepted it: killed with kill -9 mid-file, its import is taken over by
/// the other web API, continues after the checkpoint and completes with every valid row's lead stored once and each
/// row counted once, on real processes and MariaDB.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ImportProcessTests(ITestOutputHelper output)
{
    private const string Tenant = "acme";

    // Rows in flight when the kill lands are the ones submitted twice; each run holds at most this many unsettled rows
    // (ImportRunner's window), so they all lie within this many rows after the checkpoint.
    private const int ReplayWindow = 1024 + 16;

    [Fact]
    public async Task Import_AcceptingApiKilledMidFile_OtherApiResumesAfterTheCheckpointAndEveryValidRowLandsOnce()
    {
        var clock = Stopwatch.StartNew();
        var file = LeadFile.Generate(rows: 4000);
        var settings = new Dictionary<string, string>
        {
            ["Imports__LeaseDuration"] = "00:00:03",
            ["Imports__ReportEvery"] = "00:00:00.200",
            ["Imports__ResumeEvery"] = "00:00:01",
            ["Imports__FileChunkBytes"] = "65536",
        };
        await using var deployment = await Deployment.CreateAsync();
        await deployment.StartSiloAsync();

        // The accepting instance submits 4 rows at a time, so that the kill lands mid-file; the other one the default 64.
        // Both start at once (each is registered with the deployment before its first await).
        var starting = new[]
        {
            deployment.StartApiAsync(new Dictionary<string, string>(settings) { ["Intake__ImportConcurrency"] = "4" }),
            deployment.StartApiAsync(settings),
        };
        var apis = await Task.WhenAll(starting);
        var (accepting, other) = (apis[0], apis[1]);
        using var viaAccepting = deployment.Client(accepting, Tenant, "admin-1", CrmRoles.Admin);
        using var viaOther = deployment.Client(other, Tenant, "admin-1", CrmRoles.Admin);
        output.WriteLine($"deployment ready after {clock.Elapsed.TotalSeconds:0.0} s");

        // Durable before the 202: the file is in the database, in several chunks.
        var id = await UploadAsync(viaAccepting, file.Bytes);
        Assert.Equal(1, await deployment.CountAsync("SELECT COUNT(*) FROM crm_import_files WHERE complete = 1"));
        Assert.Equal((file.Bytes.Length + 65535) / 65536, await deployment.CountAsync("SELECT COUNT(*) FROM crm_import_file_chunks"));

        await Api.UntilAsync(() => Api.GetAsync(viaOther, $"api/v1/imports/{id}"), i => i.GetProperty("checkpointRow").GetInt32() >= 100, TimeSpan.FromSeconds(60), "the import to pass row 100");
        await accepting.KillAsync();
        output.WriteLine($"accepting API killed after {clock.Elapsed.TotalSeconds:0.0} s");

        var done = await Api.UntilAsync(() => Api.GetAsync(viaOther, $"api/v1/imports/{id}"), i => i.GetProperty("status").GetString() is "Completed" or "Failed", TimeSpan.FromSeconds(90), "the import to complete");
        output.WriteLine($"import completed after {clock.Elapsed.TotalSeconds:0.0} s");

        // The kill hit mid-file, and the other instance took over once, after the checkpoint the dead one left.
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var resumed = Assert.Single(done.GetProperty("resumptions").EnumerateArray());
        var afterRow = resumed.GetProperty("afterRow").GetInt32();
        Assert.InRange(afterRow, 100, file.LastRow - 1);
        Assert.StartsWith($"Resumed after row {afterRow}: the instance that accepted it stopped", resumed.GetProperty("note").GetString(), StringComparison.Ordinal);
        output.WriteLine($"resumed after row {afterRow} of {file.LastRow}");

        // Each row counted once, as what it is, whatever row the kill hit.
        Assert.Equal(
            (file.Rows, file.DistinctValidPhones, file.DuplicateRows, file.InvalidRows.Count, file.LastRow),
            (done.GetProperty("rowsRead").GetInt32(), done.GetProperty("accepted").GetInt32(), done.GetProperty("duplicates").GetInt32(),
             done.GetProperty("rejected").GetInt32(), done.GetProperty("checkpointRow").GetInt32()));
        Assert.Equal(file.InvalidRows, done.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));

        // Every valid row's lead stored once: one customer per phone, each with one lead; the rows the dead instance may
        // have submitted already (those after the checkpoint) read back one by one, duplicates recorded once each.
        Assert.Equal(file.DistinctValidPhones, await deployment.CountAsync("SELECT COUNT(*) FROM crm_grain_state WHERE state_name = 'customer'"));
        foreach (var (phone, rowsOfPhone) in file.PhonesOfRows(afterRow + 1, Math.Min(afterRow + ReplayWindow, file.LastRow)))
        {
            var customer = await Api.GetAsync(viaOther, $"api/v1/customers/P86{phone}");
            var leadId = Assert.Single(customer.GetProperty("leadIds").EnumerateArray()).GetString();
            if (rowsOfPhone > 1)
            {
                var lead = await Api.GetAsync(viaOther, $"api/v1/leads/{leadId}");
                Assert.Equal(rowsOfPhone - 1, lead.GetProperty("history").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "duplicate-submission"));
            }
        }

        // The stored file is deleted once the import completed; the report stays.
        await Api.UntilAsync(
            async () => JsonSerializer.SerializeToElement(await deployment.CountAsync("SELECT COUNT(*) FROM crm_import_files") + await deployment.CountAsync("SELECT COUNT(*) FROM crm_import_file_chunks")),
            n => n.GetInt32() == 0,
            TimeSpan.FromSeconds(10),
            "the stored file to be deleted");
        Assert.Equal(file.Rows, (await Api.GetAsync(viaOther, $"api/v1/imports/{id}")).GetProperty("rowsRead").GetInt32());
        output.WriteLine($"done after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<string> UploadAsync(HttpClient client, byte[] csv)
    {
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/imports") { Content = content };
        request.Headers.Add("X-File-Name", "leads.csv");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"upload -> {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// A CSV of data rows 2 to rows + 1: every 50th row has a bad phone, every 40th (from the 21st) repeats the phone
    /// of the row 13 before it, written differently; every other row has a phone of its own.
    /// </summary>
    private sealed record class LeadFile(byte[] Bytes, int Rows, IReadOnlyDictionary<int, string> PhoneOfRow, IReadOnlyList<int> InvalidRows, int DuplicateRows)
    {
        public int LastRow => Rows + 1;

        public int DistinctValidPhones => PhoneOfRow.Values.Distinct(StringComparer.Ordinal).Count();

        public static LeadFile Generate(int rows)
        {
            var csv = new StringBuilder("name,phone,channel,note\n");
            var phones = new Dictionary<int, string>();
            var invalid = new List<int>();
            var duplicates = 0;
            for (var i = 0; i < rows; i++)
            {
                var row = i + 2;
                if (i % 50 == 49)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"Bad {i},12345,官网,\n");
                    invalid.Add(row);
                }
                else if (i % 40 == 20)
                {
                    var phone = phones[row - 13];
                    csv.Append(CultureInfo.InvariantCulture, $"Again {i},{phone[..3]} {phone[3..7]} {phone[7..]},官网,\"a second time, row {row}\"\n");
                    phones[row] = phone;
                    duplicates++;
                }
                else
                {
                    var phone = string.Create(CultureInfo.InvariantCulture, $"139{i:D8}");
                    csv.Append(CultureInfo.InvariantCulture, $"客户 {i},{phone},官网,first\n");
                    phones[row] = phone;
                }
            }

            return new LeadFile(Encoding.UTF8.GetBytes(csv.ToString()), rows, phones, invalid, duplicates);
        }

        /// <summary>The phones of the valid rows in [first, last], each with how many rows of the whole file carry it.</summary>
        public IEnumerable<(string Phone, int Rows)> PhonesOfRows(int first, int last)
        {
            var counts = PhoneOfRow.Values.GroupBy(p => p, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return PhoneOfRow.Where(p => p.Key >= first && p.Key <= last).Select(p => p.Value).Distinct(StringComparer.Ordinal).Select(p => (p, counts[p]));
        }
    }
}
