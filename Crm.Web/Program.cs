using Crm.Infrastructure.Seeding;
using Crm.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCrmWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
await DatabaseInitializer.InitializeAsync(app.Services);
app.UseCrmPipeline();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
