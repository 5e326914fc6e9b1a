using CrmActors.ServiceDefaults.Health;
using CrmActors.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmSilo();

var app = builder.Build();
app.MapCrmHealth();
app.Run();
