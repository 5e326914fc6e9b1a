namespace CrmActors.Bench.Crud;

/// <summary>How the CRUD service picks a rep and how many reps it has.</summary>
internal sealed record class CrudOptions(string ConnectionString, bool LeastLoaded, int Reps)
{
    public static CrudOptions From(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("crud") ?? throw new InvalidOperationException("Set ConnectionStrings__crud.");
        var pick = configuration["Crud:Pick"] ?? "least-loaded";
        if (pick is not ("least-loaded" or "phone-hash"))
        {
            throw new InvalidOperationException("Crud:Pick is least-loaded or phone-hash.");
        }

        return new CrudOptions(connection, pick == "least-loaded", int.TryParse(configuration["Crud:Reps"], out var reps) && reps > 0 ? reps : 50);
    }
}
