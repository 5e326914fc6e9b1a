using CrmActors.ServiceDefaults.Health;
using CrmActors.ServiceDefaults.Telemetry;
using CrmActors.Silo.Hosting;
using CrmActors.WebApi.Hosting;

// One process: the silo, and the web API calling its grains in-process (no gateway hop). Configure it as the silo
// (--contentRoot silo/) plus the web API's settings (Auth__SigningKey, Limits__...) in the environment.
var builder = WebApplication.CreateBuilder(args);
builder.AddCrmSilo();
builder.Services.AddCrmWebApiServices(builder.Configuration);

var app = builder.Build();
app.MapCrmWebApi(healthAndMetrics: false);
app.MapCrmHealth();
app.MapCrmMetrics();
app.Run();
