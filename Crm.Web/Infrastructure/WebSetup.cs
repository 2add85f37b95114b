using System.Globalization;
using Crm.Domain.Organization;
using Crm.Infrastructure.Identity;
using Crm.Infrastructure.Persistence;
using Crm.Infrastructure.Seeding;
using Crm.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Crm.Web.Infrastructure;

public static class WebSetup
{
    public static IServiceCollection AddCrmWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddCrmDatabase(configuration, environment.ContentRootPath);
        services.AddCrmSeeding();

        // Only the user's identity and security stamp go into the cookie; roles and permissions are read
        // per request, so the cookie stays small and an administrator's change applies at once.
        services.AddScoped<IUserClaimsPrincipalFactory<CrmUser>, UserClaimsPrincipalFactory<CrmUser>>();
        services.AddIdentity<CrmUser, CrmRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "crm.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            // A refusal is a 403 with the localized page, not a redirect that hides the status.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api"))
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else
                    ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddDataProtection().SetApplicationName("Crm").PersistKeysToDbContext<CrmDbContext>();

        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            o.AddPolicy(Policies.Authenticated, p => p.RequireAuthenticatedUser());
            foreach (var permission in Permissions.All)
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        });
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Localization.Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Localization.Chinese);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new LanguagePrefixCultureProvider()];
        });

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "crm.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((value, field) => l["ModelBinding.AttemptedValueIsInvalid", value, field]);
            m.SetMissingBindRequiredValueAccessor(field => l["ModelBinding.MissingValue", field]);
            m.SetMissingKeyOrValueAccessor(() => l["ModelBinding.MissingKeyOrValue"]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => l["ModelBinding.MissingBody"]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["ModelBinding.ValueIsInvalid", value]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["ModelBinding.UnknownValueIsInvalid"]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => l["ModelBinding.MustBeNumber"]);
            m.SetUnknownValueIsInvalidAccessor(field => l["ModelBinding.UnknownValueIsInvalidFor", field]);
            m.SetValueIsInvalidAccessor(value => l["ModelBinding.ValueIsInvalid", value]);
            m.SetValueMustBeANumberAccessor(field => l["ModelBinding.MustBeNumberFor", field]);
            m.SetValueMustNotBeNullAccessor(field => l["ModelBinding.MissingValue", field]);
        });

        services.AddSingleton<UserClock>();
        services.AddScoped<DictionaryOptions>();
        services.AddScoped<Crm.Web.Areas.Customers.Models.CustomerListQuery>();
        services.AddHostedService<Crm.Infrastructure.Customers.PoolRecyclingJob>();
        services.AddHostedService<Crm.Infrastructure.Customers.ChurnDetectionJob>();
        services.AddHostedService<Crm.Infrastructure.Service.ContractRenewalJob>();
        services.AddHostedService<Crm.Infrastructure.Customers.ImportWorker>();
        services.AddHealthChecks().AddDbContextCheck<CrmDbContext>("database", tags: ["ready"]);
        services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Behind the compose/load-balancer proxy only; the proxy's network is trusted by configuration.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        return services;
    }

    public static WebApplication UseCrmPipeline(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Proxy:TrustForwardedHeaders"))
            app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/Error/500");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseHttpLogging();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapControllerRoute("areas", "{area:exists}/{controller=Home}/{action=Index}/{id?}");
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        return app;
    }
}
