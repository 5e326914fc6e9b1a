using CrmActors.Conversations.Benchmark;

namespace CrmActors.Ctl;

/// <summary>
/// <c>crmctl conversations-eval</c>: drafts every labelled conversation (conversations/Labelled) and prints precision
/// and recall per field, for the half the rules were tuned on and the half held out, each also by language.
/// </summary>
public static class ConversationsEvalCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task RunAsync(CommandLine options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var folder = options.Get("data", fallback: Path.Combine("conversations", "Labelled"))!;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Get("zone", fallback: "Asia/Shanghai")!);
        var showMisses = options.Get("misses") is not null;
        var halves = (options.Get("set", fallback: "dev,heldout")!).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var half in halves)
        {
            var path = Path.Combine(folder, half + ".txt");
            if (!File.Exists(path))
            {
                throw new ArgumentException($"No labelled set at {path} (--data names the folder, --set dev,heldout the halves).");
            }

            var all = LabelledSet.Read(path);
            var misses = new List<string>();
            await output.WriteLineAsync($"## {half} ({all.Count} conversations, {path})\n");
            await output.WriteLineAsync(ConversationBenchmark.Table(ConversationBenchmark.Score(all, zone, misses)));
            foreach (var language in new[] { "zh", "en" })
            {
                var part = all.Where(c => c.Id.StartsWith(language + "-", StringComparison.Ordinal)).ToList();
                await output.WriteLineAsync($"### {half}, {language} ({part.Count})\n");
                await output.WriteLineAsync(ConversationBenchmark.Table(ConversationBenchmark.Score(part, zone)));
            }

            if (showMisses)
            {
                foreach (var miss in misses)
                {
                    await output.WriteLineAsync(miss);
                }

                await output.WriteLineAsync();
            }
        }
    }
}
