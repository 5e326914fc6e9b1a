using CrmActors.WebApi.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmWebApi();

var app = builder.Build();
app.MapCrmWebApi();
app.Run();

/// <summary>The web API's entry point, visible to WebApplicationFactory-based tests.</summary>
public partial class Program;
