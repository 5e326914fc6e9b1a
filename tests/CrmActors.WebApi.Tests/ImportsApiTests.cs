using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmActors.GrainInterfaces.Security;

namespace CrmActors.WebApi.Tests;

/// <summary>Bulk imports through the API: the report, per-row rejections, unmapped channels and refused files.</summary>
[Collection(ApiCollection.Name)]
public sealed class ImportsApiTests(ApiFixture api)
{
    private readonly string _tenant = "t" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Admin => api.As(_tenant, "admin-1", CrmRoles.Admin);

    static ImportsApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Import_CsvWithBadRowsAndUnknownChannels_ReportsEachRowAndImportsTheRest()
    {
        var csv = string.Join("\n",
            "name,phone,channel,product_interest,note",
            "Dr. Liu,138 0013 8000,官网,implants,class-3 hospital",            // row 2: accepted
            "Ms. Huang,13912345678,抖音广告,trial class,\"急, this week\"",     // row 3: accepted (quoted comma)
            "Mr. Zhou,12345,baidu,ultrasound,",                                 // row 4: bad phone
            ",13700001111,website,MES,",                                        // row 5: no name
            "Acme,+49 151 1234 5678,carrier_pigeon,MES,",                       // row 6: unmapped channel, still imported
            "Huang Li,139-1234-5678,wechat,trial class,again",                  // row 7: duplicate of row 3
            "Broken,\"13600002222,wechat,x,y",                                  // row 8: unclosed quote
            "Mr. Sun,13500003333,expo,ultrasound,",                             // row 9: accepted
            "");

        var import = await UploadAndWaitAsync(Encoding.UTF8.GetBytes(csv), "leads.csv", "text/csv");

        Assert.Equal("Completed", import.GetProperty("status").GetString());
        Assert.Equal(4, import.GetProperty("accepted").GetInt32());
        Assert.Equal(1, import.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, import.GetProperty("rejected").GetInt32());
        Assert.Equal(8, import.GetProperty("rowsRead").GetInt32());
        var rejections = import.GetProperty("rejections").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString())).ToArray();
        Assert.Equal(4, rejections[0].Item1);
        Assert.Equal("phone", rejections[0].Item2);
        Assert.Equal(5, rejections[1].Item1);
        Assert.Equal("name", rejections[1].Item2);
        Assert.Equal(8, rejections[2].Item1);
        var unmapped = import.GetProperty("unmappedChannels").EnumerateArray().Single();
        Assert.Equal("carrier_pigeon", unmapped.GetProperty("value").GetString());
        Assert.Equal(1, unmapped.GetProperty("rows").GetInt32());

        var huang = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613912345678");
        var lead = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{huang.GetProperty("leadIds")[0].GetString()}");
        Assert.Equal("douyin_ads", lead.GetProperty("channel").GetString());
        Assert.Equal("急, this week", lead.GetProperty("note").GetString());
        Assert.Contains(lead.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "duplicate-submission");
        var acme = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P4915112345678");
        var acmeLead = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{acme.GetProperty("leadIds")[0].GetString()}");
        Assert.Equal("other", acmeLead.GetProperty("channel").GetString());
        Assert.Contains("carrier_pigeon", acmeLead.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/v1/customers/P8613600002222")).StatusCode);
    }

    [Fact]
    public async Task Import_Gb18030WithChineseHeaders_DecodesNames()
    {
        var csv = "姓名,手机号,来源,意向产品\n王芳,13800001234,展会,超声设备\n";
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);

        var import = await UploadAndWaitAsync(bytes, "客户.csv", "text/csv");

        Assert.Equal(1, import.GetProperty("accepted").GetInt32());
        Assert.Equal("客户.csv", import.GetProperty("fileName").GetString());
        Assert.Equal("gb18030", import.GetProperty("encoding").GetString());
        var customer = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613800001234");
        Assert.Equal("王芳", customer.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Import_XlsxWithNumericPhones_ImportsEachRow()
    {
        var bytes = Xlsx(
            ["姓名", "手机号", "渠道"],
            ["Ms. Ma", "13600007777", "官网"],
            ["Mr. Lu", 13600008888d, "展会"],
            ["No Phone", null, "官网"]);

        var import = await UploadAndWaitAsync(bytes, "leads.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        Assert.Equal("Xlsx", import.GetProperty("format").GetString());
        Assert.Equal(2, import.GetProperty("accepted").GetInt32());
        Assert.Equal(1, import.GetProperty("rejected").GetInt32());
        Assert.Equal(4, import.GetProperty("rejections")[0].GetProperty("row").GetInt32());
        var numeric = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613600008888");
        Assert.Equal("Mr. Lu", numeric.GetProperty("name").GetString());
    }

    /// <summary>A one-sheet workbook with inline strings and numbers, as spreadsheet programs write them.</summary>
    private static byte[] Xlsx(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheets = new DocumentFormat.OpenXml.Spreadsheet.Sheets();
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(sheets);
            var worksheet = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case string text:
                            row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell(new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)))
                            { CellReference = reference, DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString });
                            break;
                        case double number:
                            row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell(new DocumentFormat.OpenXml.Spreadsheet.CellValue(number)) { CellReference = reference });
                            break;
                    }
                }

                data.Append(row);
            }

            worksheet.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(data);
            sheets.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Leads" });
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task Import_DoubleEncodedFile_Is400NamingTheFileAndImportsNothing()
    {
        // UTF-8 bytes that were read as Windows-1252 once and saved as UTF-8 again.
        var garbled = Encoding.UTF8.GetBytes(Encoding.GetEncoding(1252).GetString(Encoding.UTF8.GetBytes("姓名,电话,渠道\n李娜,13900005678,官网\n")));

        var response = await UploadAsync(garbled, "garbled.csv", "text/csv");

        await Problems.AssertFieldErrorsAsync(response, "file");
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/v1/customers/P8613900005678")).StatusCode);
    }

    [Fact]
    public async Task Import_NoPhoneColumn_Is400NamingTheFile()
    {
        var response = await UploadAsync(Encoding.UTF8.GetBytes("name,channel\nLi,web\n"), "x.csv", "text/csv");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("phone", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_AsMultipartForm_IsAccepted()
    {
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(Encoding.UTF8.GetBytes("name,phone\nMr. Ma,13700004321\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "form.csv");

        var response = await Admin.PostAsync("/api/v1/imports", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var done = await WaitAsync(response.Headers.Location!);
        Assert.Equal(1, done.GetProperty("accepted").GetInt32());
        Assert.Equal("form.csv", done.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Import_ByARep_Is403()
    {
        var rep = api.As(_tenant, "rep-1", CrmRoles.Rep);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("name,phone\nx,13800138000\n"));

        var response = await rep.PostAsync("/api/v1/imports", content);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Import_QualificationColumns_AreImportedForRoutingAndBadNumbersRejectTheRow()
    {
        var csv = string.Join("\n",
            "姓名,手机号,来源,行业,医院等级,地区,预算,线索质量",
            "Dr. Liu,13800138000,官网,healthcare,class-3 hospital,Shanghai,\"800,000\",4",   // row 2: accepted
            "Dr. Ma,13800138001,官网,healthcare,class-2 hospital,Beijing,a lot,3",              // row 3: budget not a number
            "Dr. Wu,13800138002,官网,healthcare,,,,2.5",                                        // row 4: quality not whole
            "");

        var import = await UploadAndWaitAsync(Encoding.UTF8.GetBytes(csv), "hospitals.csv", "text/csv");

        Assert.Equal(1, import.GetProperty("accepted").GetInt32());
        var rejections = import.GetProperty("rejections").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString())).ToArray();
        Assert.Equal([(3, "budget"), (4, "quality")], rejections);
        var customer = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/customers/P8613800138000");
        var lead = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{customer.GetProperty("leadIds")[0].GetString()}");
        Assert.Equal(
            ("healthcare", "class-3 hospital", "Shanghai", 800000m, 4),
            (lead.GetProperty("industry").GetString(), lead.GetProperty("institutionLevel").GetString(), lead.GetProperty("region").GetString(),
             lead.GetProperty("budget").GetDecimal(), lead.GetProperty("quality").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/v1/customers/P8613800138001")).StatusCode);
    }

    [Fact]
    public async Task GetImport_Unknown_Is404()
    {
        await Problems.AssertProblemAsync(await Admin.GetAsync("/api/v1/imports/I404"), HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName, string contentType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = content };
        request.Headers.TryAddWithoutValidation("X-File-Name", Uri.EscapeDataString(fileName));
        return await Admin.SendAsync(request);
    }

    private async Task<JsonElement> UploadAndWaitAsync(byte[] bytes, string fileName, string contentType)
    {
        var response = await UploadAsync(bytes, fileName, contentType);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await WaitAsync(response.Headers.Location!);
    }

    /// <summary>Polls the import until it leaves Running (the work runs in the API's background service).</summary>
    private async Task<JsonElement> WaitAsync(Uri location)
    {
        for (var i = 0; i < 400; i++)
        {
            var import = await Admin.GetFromJsonAsync<JsonElement>(location);
            if (import.GetProperty("status").GetString() != "Running")
            {
                return import;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Import {location} still running after 20 s.");
    }
}
