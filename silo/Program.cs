using CrmActors.ServiceDefaults.Health;
using CrmActors.ServiceDefaults.Telemetry;
using CrmActors.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmSilo();

var app = builder.Build();
app.MapCrmHealth();
app.MapCrmMetrics();
app.Run();
