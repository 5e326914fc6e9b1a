using System.Threading.Channels;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Imports;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.Intake;
using CrmActors.WebApi.Intake;
using CrmActors.WebApi.Contracts;
using CrmActors.WebApi.Errors;
using Microsoft.Extensions.Options;

namespace CrmActors.WebApi.Imports;

/// <summary>
/// Runs accepted imports in the background, streaming: rows are read one at a time from the spooled file,
/// validated by the same rules as the API and submitted through intake with a bounded number in flight,
/// so memory stays flat whatever the file size. Each row's lead id is derived from (import, row), so a
/// row submitted twice lands once. Progress goes to the import's actor every few thousand rows.
/// </summary>
public sealed partial class ImportRunner(
    IGrainFactory grains, LeadIntake intake, IOptions<IntakeOptions> options, TimeProvider clock, ILogger<ImportRunner> logger) : BackgroundService
{
    private const int ReportEveryRows = 2000;
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    private readonly Channel<ImportJob> _jobs = Channel.CreateBounded<ImportJob>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues an import; false when too many are already waiting.</summary>
    public bool TryEnqueue(ImportJob job) => _jobs.Writer.TryWrite(job);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            _jobs.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = stoppingToken },
            async (job, ct) => await RunAsync(job, ct));

    /// <summary>Imports one file to the end and records the outcome; never throws.</summary>
    public async Task RunAsync(ImportJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var import = grains.GetGrain<IImportGrain>(GrainKeys.For(job.Tenant, job.ImportId));
        var tally = new ImportTally();
        string? failure = null;
        try
        {
            await using var file = new FileStream(job.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            using var reader = await LeadFileReader.OpenAsync(file, job.FileName, ct);
            var channels = await intake.ChannelsAsync(job.Tenant);
            using var inFlight = new SemaphoreSlim(options.Value.ImportConcurrency);
            var lastReport = clock.GetUtcNow();

            // Rows run concurrently, except rows of one phone, which run in file order: the first is the lead and
            // the later ones are reported as its duplicates, whatever finishes first.
            var byPhone = new Dictionary<string, Task>(StringComparer.Ordinal);
            try
            {
                await foreach (var row in reader.ReadRowsAsync(ct))
                {
                    await inFlight.WaitAsync(ct);
                    var phone = row.Phone is { } raw && PhoneNumber.TryNormalize(raw, out var normalized, out _) ? normalized : null;
                    var before = phone is not null && byPhone.TryGetValue(phone, out var earlier) ? earlier : Task.CompletedTask;
                    var task = AfterAsync(before, () => ImportRowSafelyAsync(job, channels, row, tally));
                    if (phone is not null)
                    {
                        byPhone[phone] = task;
                        if (byPhone.Count >= 4 * options.Value.ImportConcurrency)
                        {
                            // Keep only phones with a row still in flight: memory stays flat over any file.
                            foreach (var done in byPhone.Where(p => p.Value.IsCompleted).Select(p => p.Key).ToList())
                            {
                                byPhone.Remove(done);
                            }
                        }
                    }

                    _ = task.ContinueWith(_ => inFlight.Release(), TaskScheduler.Default);
                    if (tally.Pending >= ReportEveryRows || clock.GetUtcNow() - lastReport >= ReportEvery)
                    {
                        await import.ReportAsync(tally.TakeSlice());
                        lastReport = clock.GetUtcNow();
                    }
                }
            }
            finally
            {
                // Wait for the rows in flight, also when reading stopped early (a damaged sheet), so each one is
                // counted and none releases the semaphore after it is disposed.
                for (var i = 0; i < options.Value.ImportConcurrency; i++)
                {
                    await inFlight.WaitAsync(CancellationToken.None);
                }
            }
        }
        catch (LeadFileException ex)
        {
            failure = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogImportFailed(logger, ex, job.ImportId);
            failure = OrleansFailures.IsTransient(ex, ct)
                ? "The import stopped: the cluster or database was briefly unavailable. Upload the file again; rows already imported are recognised as duplicates."
                : "The import stopped unexpectedly; it has been logged. Upload the file again; rows already imported are recognised as duplicates.";
        }
        finally
        {
            File.Delete(job.FilePath);
        }

        try
        {
            await import.ReportAsync(tally.TakeSlice());
            await import.FinishAsync(failure);
        }
        catch (Exception ex) when (ex is CrmException || OrleansFailures.IsTransient(ex, ct))
        {
            LogImportFailed(logger, ex, job.ImportId);
        }
    }

    private static async Task AfterAsync(Task before, Func<Task> next)
    {
        await before;
        await next();
    }

    private async Task ImportRowSafelyAsync(ImportJob job, ChannelDictionary channels, ImportRow row, ImportTally tally)
    {
        try
        {
            await ImportRowAsync(job, channels, row, tally);
        }
        catch (Exception ex)
        {
            // A row's failure never stops the import or goes uncounted.
            LogRowFailed(logger, ex, job.ImportId, row.RowNumber);
            tally.Rejected(row.RowNumber, null, "Unexpected error; it has been logged. Try this row again.");
        }
    }

    /// <summary>A number cell as people write it ("800,000", "80万", see <see cref="Amounts"/>); anything else is a field error.</summary>
    private static decimal? Number(string? cell, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return null;
        }

        if (Amounts.TryParse(cell, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{field}' must be a number, not '{cell}'.");
        return null;
    }

    private async Task ImportRowAsync(ImportJob job, ChannelDictionary channels, ImportRow row, ImportTally tally)
    {
        if (row.HasError)
        {
            tally.Rejected(row.RowNumber, null, row.Error!);
            return;
        }

        // Files often carry sources nobody put in the dictionary yet: the lead is still imported (channel
        // "other", the raw value kept in the note) and the value is reported so someone can map it.
        var channel = string.IsNullOrWhiteSpace(row.Channel) ? "import" : row.Channel;
        var note = row.Note;
        if (channels.Map(channel) is null)
        {
            var source = channel.Trim();
            tally.Unmapped(source);
            note = string.IsNullOrWhiteSpace(note) ? $"[source: {source}]" : $"{note} [source: {source}]";
            channel = "other";
        }

        var errors = new FieldErrors();
        var budget = Number(row.Budget, "budget", errors);
        int? quality = null;
        if (Number(row.Quality, "quality", errors) is { } q)
        {
            if (q == decimal.Truncate(q) && q is >= int.MinValue and <= int.MaxValue)
            {
                quality = (int)q;
            }
            else
            {
                errors.Add("quality", $"'quality' must be a whole number, not '{row.Quality}'.");
            }
        }

        var fields = new CreateLeadRequest(
            row.Name, row.Phone, channel, row.ProductInterest, note, row.Email, row.Company,
            row.Industry, row.InstitutionLevel, row.Region, row.Language, budget, quality);
        LeadValidation.Validate(fields, channels, job.UserId, errors, out var lead);
        if (!errors.IsEmpty)
        {
            var byField = errors.ToDictionary();
            tally.Rejected(row.RowNumber, byField.First().Key, string.Join(" ", byField.SelectMany(e => e.Value)));
            return;
        }

        var key = IntakeIds.SubmissionKey("import", $"{job.ImportId}:{row.RowNumber}");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await intake.SubmitAsync(job.Tenant, new LeadSubmission(lead!, key));
                if (result.Outcome == IntakeOutcome.Duplicate)
                {
                    tally.Duplicate();
                }
                else
                {
                    tally.Accepted();
                }

                return;
            }
            catch (CrmException ex) when (ex.Code != CrmErrorCode.StorageUnavailable)
            {
                tally.Rejected(row.RowNumber, ex.Field, ex.Message);
                return;
            }
            catch (Exception ex) when (attempt < 3 && OrleansFailures.IsTransient(ex))
            {
                // Transient (storage or cluster): the derived lead id makes the retry safe.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock);
            }
            catch (Exception ex) when (OrleansFailures.IsTransient(ex))
            {
                LogRowFailed(logger, ex, job.ImportId, row.RowNumber);
                tally.Rejected(row.RowNumber, null, "Could not be stored: the cluster or database was briefly unavailable. Try this row again.");
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: row {Row} failed")]
    private static partial void LogRowFailed(ILogger logger, Exception ex, string importId, int row);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception ex, string importId);
}
