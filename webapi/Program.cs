using CrmActors.WebApi.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmWebApi();

var app = builder.Build();
app.MapCrmWebApi();
app.Run();
