using CrmActors.Bench.Crud;

// A hand-written CRUD intake service: POST /api/v1/leads stores the lead in one transaction (see CrudIntake).
// Settings: ConnectionStrings__crud (MariaDB), Crud__Pick = least-loaded (default) or phone-hash, Crud__Reps (default 50).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var options = CrudOptions.From(builder.Configuration);
var intake = new CrudIntake(options);
await intake.PrepareAsync();

var app = builder.Build();
app.MapGet("/health/ready", () => Results.Ok());
app.MapPost("/api/v1/leads", intake.HandleAsync);
await app.RunAsync();
