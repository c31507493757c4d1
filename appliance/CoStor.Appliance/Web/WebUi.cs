using CoStor.Appliance.Authentication;
using CoStor.Appliance.Site;
using CoStor.Appliance.Web.Agents;
using CoStor.Appliance.Web.Audit;
using CoStor.Appliance.Web.Dashboard;
using CoStor.Appliance.Web.Login;
using CoStor.Appliance.Web.Replication;
using CoStor.Appliance.Web.Setup;
using CoStor.Appliance.Web.Sites;
using CoStor.Appliance.Web.Shell;
using CoStor.Appliance.Web.Snapshots;
using CoStor.Appliance.Web.Users;
using CoStor.Appliance.Catalogue;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Features;

namespace CoStor.Appliance.Web;

/// <summary>
/// The admin web UI: server-rendered pages (slices in CoStor.Web) with htmx. Three route groups by who may call —
/// anyone (sign-in, setup, assets), any signed-in person, operators, admins — each with the anti-forgery filter.
/// Each feature folder maps its routes onto the groups it needs.
/// </summary>
public static class WebUi
{
    public static IServiceCollection AddWebUi(this IServiceCollection services, DataDirectory data)
    {
        Directory.CreateDirectory(data.WebKeysPath);
        services.AddDataProtection().SetApplicationName("costor-appliance");
        services.AddOptions<KeyManagementOptions>().Configure<CatalogueSecrets>((options, secrets) => options.XmlRepository = new SealedKeyRepository(data.WebKeysPath, secrets));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "__Host-costor-csrf";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__csrf";
            options.HeaderName = "X-CSRF-Token";
        });
        // Forms here are small: a person's input, never an upload.
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 256;
            form.ValueLengthLimit = 16 * 1024;
            form.KeyLengthLimit = 256;
            form.MultipartBodyLengthLimit = 64 * 1024;
        });
        services.AddSingleton<PageFrames>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AgentVisibility>();
        services.AddSingleton<AgentRows>();
        return services;
    }

    public static void MapWebUi(this IEndpointRouteBuilder app)
    {
        var anonymous = Group(app).AllowAnonymous();
        var people = Group(app).RequireAuthorization(CallerPolicies.Person);
        var operators = Group(app).RequireAuthorization(CallerPolicies.Operator);
        var admins = Group(app).RequireAuthorization(CallerPolicies.Admin);
        app.MapAssets();
        anonymous.MapLogin(people);
        anonymous.MapSetup();
        people.MapDashboard();
        people.MapAgents(operators);
        people.MapAgent(operators);
        people.MapSnapshots();
        operators.MapReplicationStatus();
        operators.MapSites(admins);
        admins.MapUsers();
        admins.MapAudit();
    }

    private static RouteGroupBuilder Group(IEndpointRouteBuilder app) =>
        app.MapGroup("").AddEndpointFilter<AntiforgeryFilter>().ExcludeFromDescription();
}
