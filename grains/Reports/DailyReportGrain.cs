using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reports;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Common;
using CrmActors.Grains.FollowUp;
using CrmActors.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Reports;

/// <summary>
/// A tenant's daily report. One durable reminder, armed for the next report time in the tenant's calendar (or
/// for the next retry of an unsent message), makes the due day's report once: the report is stored with its
/// messages before any is sent, so a second firing, a restart or <see cref="RunAsync"/> finds it and only sends
/// what is still unsent (inbox items are idempotent by id; a robot may see a message twice only when a crash
/// falls between its send and the write after it).
/// </summary>
public sealed partial class DailyReportGrain(
    [PersistentState(DailyReportState.StateName, CrmStorage.Name)] IPersistentState<DailyReportState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    FollowUpPolicyCache policies,
    ILogger<DailyReportGrain> logger) : Grain, IDailyReportGrain, IRemindable
{
    /// <summary>The reminder that makes the reports and retries their messages.</summary>
    public const string Reminder = "daily-report";

    /// <summary>Stored reports kept (about six weeks of working days: the previous day, the recent 7 and room to look back).</summary>
    public const int KeptReports = 31;

    /// <summary>The pseudo-channel of inbox items.</summary>
    public const string Inbox = NotificationChannels.InApp;

    private DailyReportState S => state.State;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <inheritdoc />
    public async Task<DailyReportSettings> ConfigureAsync(DailyReportConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var now = clock.GetUtcNow();
        S.Config = config;
        S.ConfiguredAt = now;
        S.OwedSince ??= now;
        await ArmAsync(now);
        await state.WriteOrFailAsync(this, logger);
        return await GetSettingsAsync();
    }

    /// <inheritdoc />
    public async Task<DailyReportSettings> GetSettingsAsync()
    {
        var (schedule, calendar) = await ScheduleAsync();
        var next = S.Config is { Enabled: true } ? schedule.Next(calendar, clock.GetUtcNow()) : null;
        return new DailyReportSettings(S.Config, S.ConfiguredAt, calendar.Zone.Id, next?.Day, next?.At, S.Reports.LastOrDefault()?.Day);
    }

    /// <inheritdoc />
    public Task<DailyReport?> GetAsync(DateOnly day) => Task.FromResult(S.Reports.FirstOrDefault(r => r.Day == day));

    /// <inheritdoc />
    public Task<IReadOnlyList<DateOnly>> GetDaysAsync() => Task.FromResult<IReadOnlyList<DateOnly>>([.. S.Reports.Select(r => r.Day).Reverse()]);

    /// <inheritdoc />
    public async Task<DailyReport> RunAsync()
    {
        if (S.Config is not { } config)
        {
            throw new CrmException(CrmErrorCode.Conflict, "The tenant has no daily report configured; PUT /api/v1/reports/daily/config first.", "config");
        }

        var now = clock.GetUtcNow();
        var (schedule, calendar) = await ScheduleAsync();
        var today = calendar.LocalDateOf(now);
        if (S.Reports.All(r => r.Day != today))
        {
            await MakeAsync(config, today, schedule, calendar, now);
        }

        await SendDueAsync(now);
        await ArmAsync(now);
        await state.WriteOrFailAsync(this, logger);
        return S.Reports.First(r => r.Day == today);
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Reminder)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var (schedule, calendar) = await ScheduleAsync();
        if (S.Config is { Enabled: true } config
            && schedule.Latest(calendar, now) is { } due
            && due.At >= S.OwedSince
            && S.Reports.All(r => r.Day < due.Day))
        {
            await MakeAsync(config, due.Day, schedule, calendar, now);
        }

        await SendDueAsync(now);
        await ArmAsync(now);
        await state.WriteOrFailAsync(this, logger);
    }

    /// <summary>Makes and stores the report of <paramref name="day"/> with its messages (not yet sent).</summary>
    private async Task<DailyReport> MakeAsync(DailyReportConfig config, DateOnly day, ReportSchedule schedule, BusinessCalendar calendar, DateTimeOffset now)
    {
        var stats = GrainFactory.GetGrain<ITenantStatsGrain>(Tenant);
        var managers = config.Recipients.Where(r => r.Scope == ReportScope.Tenant).Select(r => r.UserId).Distinct(StringComparer.Ordinal).ToList();
        var inputs = new List<ReportSectionInput>();
        foreach (var group in config.Recipients.GroupBy(r => (r.Scope, Id: r.Scope == ReportScope.Tenant ? null : r.UserId)))
        {
            var scope = group.Key.Scope switch
            {
                ReportScope.Rep => new StatsScope(RepId: group.Key.Id),
                ReportScope.Team => new StatsScope(TeamId: group.Key.Id),
                _ => new StatsScope(),
            };
            var supervisor = group.Key.Scope == ReportScope.Rep ? await GrainFactory.SupervisorOfAsync(Tenant, group.Key.Id!) : null;
            var overdue = await stats.GetLeadsAsync("overdue", scope, 1, DailyReportBuilder.MaxOverdueKept);
            inputs.Add(new ReportSectionInput(
                group.Key.Scope,
                group.Key.Id,
                supervisor,
                [.. group.Select(r => r.UserId).Distinct(StringComparer.Ordinal)],
                await stats.GetAsync(scope),
                await stats.GetTrustedLeadsAsync(scope),
                overdue?.Leads ?? [],
                supervisor is not null ? [supervisor] : managers.Where(m => m != group.Key.Id).DefaultIfEmpty(group.Key.Id).OfType<string>().ToList()));
        }

        var report = DailyReportBuilder.Build(day, calendar.Zone.Id, now, schedule.Previous(calendar, day), S.Reports, inputs);
        var deliveries = new List<ReportDelivery>();
        foreach (var section in report.Sections)
        {
            foreach (var recipient in section.Recipients)
            {
                var name = (await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, recipient)).GetProfileAsync())?.DisplayName ?? recipient;
                deliveries.Add(new ReportDelivery($"report/{section.Name}/{recipient}", recipient, "daily-report", config.Channel, DailyReportText.For(report, section, name), 0, null, now));
            }
        }

        foreach (var alert in report.Alerts)
        {
            foreach (var manager in alert.ManagerIds)
            {
                deliveries.Add(new ReportDelivery($"alert/{alert.Section}/{alert.MetricId}/{manager}", manager, "metric-alarm", Inbox, alert.Text, 0, null, now));
                deliveries.Add(new ReportDelivery($"alert/{alert.Section}/{alert.MetricId}/{manager}/{config.Channel}", manager, "metric-alarm", config.Channel, $"To {manager}: {alert.Text}", 0, null, now));
            }
        }

        report = report with { Deliveries = deliveries };

        // Only the latest report's overdue leads are compared with; the older ones need not carry them.
        for (var i = 0; i < S.Reports.Count; i++)
        {
            S.Reports[i] = S.Reports[i] with { Sections = [.. S.Reports[i].Sections.Select(x => x with { OverdueLeadIds = [] })] };
        }

        S.Reports.Add(report);
        S.Reports.Sort((a, b) => a.Day.CompareTo(b.Day));
        if (S.Reports.Count > KeptReports)
        {
            S.Reports.RemoveRange(0, S.Reports.Count - KeptReports);
        }

        // Stored before anything is sent: a second firing finds the day made.
        await state.WriteOrFailAsync(this, logger);
        LogMade(logger, Tenant, day, report.Sections.Count, report.Alerts.Count);
        return report;
    }

    /// <summary>Sends every unsent message whose time has come; a failure waits as the lead outboxes do (30 s doubling, 8 attempts).</summary>
    private async Task SendDueAsync(DateTimeOffset now)
    {
        for (var r = 0; r < S.Reports.Count; r++)
        {
            var report = S.Reports[r];
            if (report.Deliveries.All(d => d.Outcome is not null || d.NextAttemptAt > now))
            {
                continue;
            }

            var deliveries = report.Deliveries.ToList();
            for (var i = 0; i < deliveries.Count; i++)
            {
                if (deliveries[i] is { Outcome: null } d && d.NextAttemptAt <= now)
                {
                    deliveries[i] = await SendAsync(report, d, now);
                }
            }

            S.Reports[r] = report with { Deliveries = deliveries };
        }
    }

    private async Task<ReportDelivery> SendAsync(DailyReport report, ReportDelivery d, DateTimeOffset now)
    {
        // A settled message keeps its outcome, not its text (the report itself is stored beside it).
        var settled = await SendOnceAsync(report, d, now);
        return settled.Outcome is null ? settled : settled with { Text = string.Empty };
    }

    private async Task<ReportDelivery> SendOnceAsync(DailyReport report, ReportDelivery d, DateTimeOffset now)
    {
        var attempts = d.Attempts + 1;
        if (d.Channel == Inbox)
        {
            await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, d.RecipientId)).DeliverAsync(new InboxItem(
                $"daily-report/{report.Day:yyyy-MM-dd}/{d.Id}", d.Event, d.Text, null, now, Severity: InboxItem.Red));
            return d with { Attempts = attempts, Outcome = nameof(SendOutcome.Delivered), NextAttemptAt = null };
        }

        var outcome = await GrainFactory.GetGrain<INotificationChannelGrain>(NotificationChannels.GrainKey(Tenant, d.Channel))
            .SendAsync(new OutboundNotification($"daily-report/{report.Day:yyyy-MM-dd}/{d.Id}", d.Event, d.Text, null, d.RecipientId, now));
        return outcome switch
        {
            SendOutcome.Delivered or SendOutcome.NotConfigured => d with { Attempts = attempts, Outcome = outcome.ToString(), NextAttemptAt = null },
            _ when attempts >= NotificationBackoff.MaxAttempts => d with { Attempts = attempts, Outcome = outcome.ToString(), NextAttemptAt = null },
            SendOutcome.Paused => d with { Attempts = attempts, NextAttemptAt = now + NotificationBackoff.PausedRecheck },
            _ => d with { Attempts = attempts, NextAttemptAt = now + NotificationBackoff.After(attempts) },
        };
    }

    /// <summary>Arms the reminder for the earliest of the next report time and the next retry; retires it when there is neither.</summary>
    private async Task ArmAsync(DateTimeOffset now)
    {
        var (schedule, calendar) = await ScheduleAsync();
        var next = S.Config is { Enabled: true } ? schedule.Next(calendar, now)?.At : null;
        var retry = S.Reports.SelectMany(r => r.Deliveries).Where(d => d.Outcome is null).Select(d => d.NextAttemptAt).Min();
        var at = (next, retry) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => (DateTimeOffset?)null,
        };
        if (at is { } due)
        {
            await this.ArmAsync(Reminder, due, now);
        }
        else
        {
            await this.RetireAsync(Reminder);
        }
    }

    private async Task<(ReportSchedule Schedule, BusinessCalendar Calendar)> ScheduleAsync()
    {
        var policy = await policies.GetAsync(Tenant);
        var schedule = new ReportSchedule(S.Config?.At ?? new TimeOnly(8, 30), S.Config?.IncludeNonWorkingDays ?? false);
        return (schedule, ReportSchedule.CalendarFor(policy.Policy, policy.Calendar));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily report of tenant {Tenant} for {Day}: {Sections} sections, {Alerts} alerts")]
    private static partial void LogMade(ILogger logger, string tenant, DateOnly day, int sections, int alerts);
}
