using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;
using CrmActors.Intake;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using CrmActors.WebApi.Imports;
using CrmActors.WebApi.Intake;
using CrmActors.WebApi.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Apis;

/// <summary>/api/v1/imports: bulk lead imports from CSV or .xlsx files, as pollable resources.</summary>
public static class ImportsApi
{
    /// <summary>The request header that may carry the uploaded file's name.</summary>
    public const string FileNameHeader = "X-File-Name";

    /// <summary>Maps the import endpoints.</summary>
    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("/", StartAsync).WithName("StartImport")
            .WithSummary("Upload a CSV or .xlsx file of leads (raw body or multipart form); answers 202 with the import to poll")
            .RequireAuthorization(AuthenticationSetup.ManageIntake)
            .AuditedImport()
            .WithMetadata(new OwnBodyLimit())
            .DisableAntiforgery();
        imports.MapGet("/{id}", GetAsync).WithName("GetImport").WithSummary("An import's progress and report");
        return api;
    }

    private static async Task<Results<Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        HttpContext http, Caller caller, IGrainFactory grains, ImportRunner runner, IImportFileStore files,
        IOptions<IntakeOptions> options, IOptions<ImportOptions> importOptions, CancellationToken ct)
    {
        var limit = options.Value.MaxImportBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        // The upload is first spooled here, so that a file refused at once (too large, unreadable) costs the database nothing.
        var path = Path.Combine(Path.GetTempPath(), $"crm-import-{Guid.NewGuid():N}");
        try
        {
            var (fileName, copied) = await SpoolAsync(http.Request, path, limit, ct);
            if (copied is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: $"An import file may have at most {limit / (1024 * 1024)} MB; split it.");
            }

            if (UnicodeText.Problem(fileName, TextShape.SingleLine) is { } badName)
            {
                var field = http.Request.HasFormContentType ? "file" : FileNameHeader;
                return new FieldErrors().Add(field, $"The file name {badName}.").ToProblem();
            }

            if (copied == 0)
            {
                return new FieldErrors().Add("file", "The request carried no file: send the file as the body (Content-Type text/csv or the .xlsx type) or as a multipart form field.").ToProblem();
            }

            // Refuse a file that cannot be read at all (format, encoding, missing columns, too much text) before anything is imported.
            LeadFileReader reader;
            await using (var probe = File.OpenRead(path))
            {
                try
                {
                    reader = await LeadFileReader.OpenAsync(probe, fileName, options.Value.FileOptions(), ct);
                }
                catch (LeadFileException ex)
                {
                    return TypedResults.ValidationProblem(
                        new Dictionary<string, string[]> { ["file"] = [ex.Message] },
                        title: "The file cannot be imported; nothing was imported.");
                }
            }

            using (reader)
            {
                if (!runner.HasRoom)
                {
                    http.Response.Headers.RetryAfter = "60";
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Import queue full", detail: "Too many imports are waiting; nothing was imported. Retry in a minute.");
                }

                // Durable before the answer: from here on any instance can finish the import if this one dies.
                var id = EntityIds.New('I');
                await using (var spooled = File.OpenRead(path))
                {
                    await files.SaveAsync(caller.Tenant, id, spooled, ct);
                }

                var start = new ImportStart(fileName, reader.Format.ToString(), reader.Encoding?.WebName, reader.IgnoredHeaders, caller.UserId);
                var claim = await grains.GetGrain<IImportGrain>(caller.Key(id)).StartAsync(start, runner.Holder, importOptions.Value.LeaseDuration);
                if (!runner.TryEnqueue(new ImportJob(caller.Tenant, caller.UserId, id, fileName, claim.Lease, AfterRow: 0)))
                {
                    // The queue filled up meanwhile: the import is stored and leased; giving the lease up lets the next sweep (of any instance) run it.
                    await grains.GetGrain<IImportGrain>(caller.Key(id)).ReleaseAsync(claim.Lease);
                }

                return TypedResults.Accepted($"/api/v1/imports/{id}", claim.Import.ToResponse());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(string id, Caller caller, IGrainFactory grains, GrainReads reads, CancellationToken ct)
    {
        if (RouteIds.Check(id, "id") is { } bad)
        {
            return bad;
        }

        var import = await reads.ReadAsync(_ => grains.GetGrain<IImportGrain>(caller.Key(id)).GetAsync(), ct);
        return import is null ? NotFoundProblem.For("Import", id) : TypedResults.Ok(import.ToResponse());
    }

    /// <summary>Copies the upload to <paramref name="path"/>; the byte count, or null when it exceeds the limit.</summary>
    private static async Task<(string FileName, long? Bytes)> SpoolAsync(HttpRequest request, string path, long limit, CancellationToken ct)
    {
        Stream source;
        string fileName;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.Count > 0 ? form.Files[0] : null;
            if (file is null)
            {
                return ("upload", 0);
            }

            source = file.OpenReadStream();
            fileName = file.FileName;
        }
        else
        {
            source = request.Body;
            // Header values are Latin-1: clients percent-encode other names ("%E5%AE%A2%E6%88%B7.csv").
            fileName = request.Headers[FileNameHeader].ToString() is { Length: > 0 } named ? Path.GetFileName(Uri.UnescapeDataString(named)) : "upload";
        }

        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return (fileName, null);
            }

            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return (fileName, total);
    }
}
