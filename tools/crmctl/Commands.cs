using CrmActors.Database;

namespace CrmActors.Ctl;

/// <summary>The crmctl commands: database migration, token minting, model training and the demo tenant.</summary>
public static class Commands
{
    private const string Usage = """
        crmctl db migrate [--connection CS]            apply the schema (CS or CRM_DB_CONNECTION); creates the database if missing
        crmctl token --tenant T --user U --role R [--hours H] [--signing-key K]
                                                       mint a token (K or CRM_JWT_SIGNING_KEY); roles: rep supervisor manager service marketing admin ops
        crmctl train [--source simulator] [--leads 15500] [--held-out 3000] [--seed 42] [--out ml-models/models]
        crmctl train --source journal --tenant T [--connection CS] [--seed 42] [--out DIR]
                                                       train the next-action and scoring models, evaluate them on held-out
                                                       leads and write a versioned model directory with REPORT.md
        crmctl advise-eval [--families other-rates,several-concerns,sparse-tags,reps-and-drift] [--seeds 3] [--leads 15500]
                           [--eval-leads 3000] [--scored-leads 1500] [--tune yes|no] [--out DIR]
                                                       judge the advice by the wins it brings on simulated worlds it was not tuned on
        crmctl conversations-eval [--data conversations/Labelled] [--set dev,heldout] [--zone Asia/Shanghai] [--misses]
                                                       precision and recall per field of the conversation extractor on the labelled set
        crmctl demo --api URL [--tenant demo] [--signing-key K] [--hours H]
                                                       load the demo tenant through the API and print a token per demo user
        """;

    /// <summary>Runs a command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            switch (args)
            {
                case ["db", "migrate", .. var rest]:
                    await MigrateAsync(new CommandLine(rest), output);
                    return 0;
                case ["token", .. var rest]:
                    Token(new CommandLine(rest), output);
                    return 0;
                case ["train", .. var rest]:
                    await TrainCommand.RunAsync(new CommandLine(rest), output);
                    return 0;
                case ["advise-eval", .. var rest]:
                    await AdviseEvalCommand.RunAsync(new CommandLine(rest), output);
                    return 0;
                case ["conversations-eval", .. var rest]:
                    await ConversationsEvalCommand.RunAsync(new CommandLine(rest), output);
                    return 0;
                case ["demo", .. var rest]:
                    await DemoAsync(new CommandLine(rest), output);
                    return 0;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"crmctl: {ex.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or MySqlConnector.MySqlException)
        {
            await error.WriteLineAsync($"crmctl: {ex.Message}");
            return 1;
        }
    }

    private static async Task MigrateAsync(CommandLine options, TextWriter output)
    {
        var connection = options.Require("connection", "CRM_DB_CONNECTION");
        await SchemaMigrator.EnsureDatabaseAsync(connection, CancellationToken.None);
        var migrator = new SchemaMigrator(connection, line => output.WriteLine(line));
        var applied = await migrator.MigrateAsync(CancellationToken.None);
        await output.WriteLineAsync(applied.Count == 0 ? "schema up to date" : $"applied {string.Join(", ", applied)}");
    }

    private static void Token(CommandLine options, TextWriter output)
    {
        var minter = new TokenMinter(options.Require("signing-key", "CRM_JWT_SIGNING_KEY"));
        var hours = double.Parse(options.Get("hours", fallback: "12")!, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine(minter.Mint(options.Require("tenant"), options.Require("user"), options.Require("role"), TimeSpan.FromHours(hours)));
    }

    private static async Task DemoAsync(CommandLine options, TextWriter output)
    {
        var minter = new TokenMinter(options.Require("signing-key", "CRM_JWT_SIGNING_KEY"));
        var hours = double.Parse(options.Get("hours", fallback: "12")!, System.Globalization.CultureInfo.InvariantCulture);
        var api = options.Require("api").TrimEnd('/') + "/";
        using var http = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(30) };
        var tenant = options.Get("tenant", fallback: "demo")!;
        await output.WriteLineAsync($"Loading demo tenant '{tenant}' through {api}");
        await new DemoTenant(http, minter, tenant, output).LoadAsync(TimeSpan.FromHours(hours), CancellationToken.None);
    }
}
