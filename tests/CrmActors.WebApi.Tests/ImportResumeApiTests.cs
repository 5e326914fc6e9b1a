using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Security;
using CrmActors.Intake;
using CrmActors.WebApi.Imports;
using CrmActors.WebApi.Intake;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmActors.WebApi.Tests;

/// <summary>
/// Durable imports on the in-memory providers: an import whose instance stopped mid-file is taken over by another
/// instance and completes after the checkpoint, counting each row once; and a workbook with more shared text than the
/// limit is refused up front.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImportResumeApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Import_LeaseOfAStoppedInstanceLapsed_TakenOverAndCompletedAfterTheCheckpointCountingEachRowOnce()
    {
        // This instance's own sweep waits a day: the test runs the sweep itself, once.
        await using var instance = api.CreateApi(new Dictionary<string, string> { ["Imports:ResumeEvery"] = "1.00:00:00" });
        var files = instance.Services.GetRequiredService<IImportFileStore>();
        using var admin = Client(instance);
        var csv = string.Join("\n",
            "name,phone,channel",
            "Counted A,13800000002,官网",             // rows 2-5: counted by the stopped instance (never submitted here)
            "Counted B,13800000003,官网",
            "Counted C,13800000004,官网",
            "Counted D,13800000005,官网",
            "Ms. Six,13900000006,官网",               // row 6: submitted by the stopped instance, not yet counted
            "Ms. Six again,139-0000-0006,官网",       // row 7: likewise, a duplicate of row 6
            "Mr. Eight,13900000008,官网",             // row 8: never submitted before
            "Bad Phone,12345,官网",                   // row 9: rejected
            "Mr. Ten,13900000010,carrier_pigeon",     // row 10: unmapped channel, imported
            "Mr. Eight again,13900000008,官网",       // row 11: a duplicate of row 8
            "");
        var bytes = Encoding.UTF8.GetBytes(csv);
        var id = "I" + Guid.NewGuid().ToString("N");
        await files.SaveAsync(_tenant, id, new MemoryStream(bytes), CancellationToken.None);
        var import = api.Cluster.Client.GetGrain<IImportGrain>(GrainKeys.For(_tenant, id));

        // The instance that accepted it: counted rows 2-5 (one rejection), submitted rows 6 and 7, then died. Its
        // lease is zero long, so it lapsed the moment it was last renewed.
        var stopped = await import.StartAsync(new ImportStart("leads.csv", "DelimitedText", "utf-8", [], "admin-1"), "stopped-instance", TimeSpan.Zero);
        await import.ReportAsync(stopped.Lease, new ImportProgress(4, 3, 0, 1, [new ImportRejection(4, "phone", "as the stopped instance found")], new Dictionary<string, int>(), 0, 5));
        await SubmitAsTheStoppedInstanceAsync(instance, bytes, id, rows: [6, 7]);

        var taken = await instance.Services.GetRequiredService<ImportResumer>().ResumeLapsedAsync(CancellationToken.None);
        var done = await WaitUntilEndedAsync(admin, id);

        Assert.Equal([id], taken);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(
            (10, 6, 2, 2, 11),
            (done.GetProperty("rowsRead").GetInt32(), done.GetProperty("accepted").GetInt32(), done.GetProperty("duplicates").GetInt32(),
             done.GetProperty("rejected").GetInt32(), done.GetProperty("checkpointRow").GetInt32()));
        Assert.Equal([4, 9], done.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        var resumed = Assert.Single(done.GetProperty("resumptions").EnumerateArray());
        Assert.Equal(5, resumed.GetProperty("afterRow").GetInt32());
        Assert.StartsWith("Resumed after row 5: the instance that accepted it stopped", resumed.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("carrier_pigeon", Assert.Single(done.GetProperty("unmappedChannels").EnumerateArray()).GetProperty("value").GetString());

        // Rows 2-5 were not submitted again: the run continued after the checkpoint, not from the top.
        foreach (var phone in new[] { "8613800000002", "8613800000003", "8613800000004", "8613800000005" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/customers/P{phone}")).StatusCode);
        }

        // Rows 6 and 7, submitted twice, each landed once: one lead, one duplicate submission on it.
        foreach (var phone in new[] { "8613900000006", "8613900000008" })
        {
            var customer = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/P{phone}");
            var lead = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{Assert.Single(customer.GetProperty("leadIds").EnumerateArray()).GetString()}");
            Assert.Single(lead.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "duplicate-submission");
        }

        Assert.Null(await UntilAsync(() => files.OpenReadAsync(_tenant, id, CancellationToken.None), f => f is null));
    }

    [Fact]
    public async Task Import_WorkbookWithMoreSharedTextThanTheLimit_Is400NamingTheFileAndTheLimitAndStoresNothing()
    {
        await using var instance = api.CreateApi(new Dictionary<string, string> { ["Intake:MaxSharedStringBytes"] = "65536" });
        using var admin = Client(instance);
        using var content = new ByteArrayContent(WorkbookWithSharedStrings(3000));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var response = await admin.PostAsync("/api/v1/imports", content);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("64 KB of text", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await instance.Services.GetRequiredService<IImportFileStore>().ListAsync(CancellationToken.None));
    }

    private HttpClient Client(WebApplicationFactory<Errors.GrainReads> instance)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Minter.Mint(_tenant, "admin-1", CrmRoles.Admin, TimeSpan.FromHours(1)));
        return client;
    }

    /// <summary>What the stopped instance did with these rows before it died: the same mapping and key as any run.</summary>
    private async Task SubmitAsTheStoppedInstanceAsync(WebApplicationFactory<Errors.GrainReads> instance, byte[] file, string importId, int[] rows)
    {
        var intake = instance.Services.GetRequiredService<LeadIntake>();
        var channels = await intake.ChannelsAsync(_tenant);
        using var reader = await LeadFileReader.OpenAsync(new MemoryStream(file), "leads.csv");
        await foreach (var row in reader.ReadRowsAsync())
        {
            if (rows.Contains(row.RowNumber))
            {
                var lead = ImportRowMapping.Map(row, channels, "admin-1").Lead!;
                await intake.SubmitAsync(_tenant, new LeadSubmission(lead, ImportRunner.RowKey(importId, row.RowNumber)));
            }
        }
    }

    private static async Task<JsonElement> WaitUntilEndedAsync(HttpClient client, string id)
    {
        return await UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}"),
            i => i.GetProperty("status").GetString() is "Completed" or "Failed");
    }

    /// <summary>Polls the background run (at most 20 s).</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; i < 400; i++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The import did not get there within 20 s.");
    }

    /// <summary>A workbook whose header and one row use a shared string table of <paramref name="strings"/> distinct 30-character strings.</summary>
    private static byte[] WorkbookWithSharedStrings(int strings)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var table = workbook.AddNewPart<SharedStringTablePart>();
            table.SharedStringTable = new SharedStringTable(
                new[] { "name", "phone" }.Concat(Enumerable.Range(0, strings).Select(i => $"customer {i:D6} with a long name"))
                    .Select(s => new SharedStringItem(new Text(s))));
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new Worksheet(new SheetData(
                new Row(Shared("A1", 0), Shared("B1", 1)) { RowIndex = 1 },
                new Row(Shared("A2", 2), new Cell { CellReference = "B2", CellValue = new CellValue("13800001111") }) { RowIndex = 2 }));
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Leads" }));
        }

        return stream.ToArray();
    }

    private static Cell Shared(string reference, int index) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
}
