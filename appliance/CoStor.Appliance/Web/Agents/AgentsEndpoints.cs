using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Agents;

namespace CoStor.Appliance.Web.Agents;

/// <summary>
/// <c>/agents</c>: the PCs a person may see, searchable and sortable (htmx re-renders only <c>#agent-list</c>), and for
/// operators a one-time enrolment token with the command that uses it.
/// </summary>
public static class AgentsEndpoints
{
    public static void MapAgents(this IEndpointRouteBuilder people, IEndpointRouteBuilder operators)
    {
        people.MapGet("/agents", List);
        operators.MapPost("/agents/tokens", CreateToken);
    }

    private static IResult List(HttpContext context, PersonCaller person, PageFrames frames, AgentRows rows, AgentVisibility visibility,
        TimeProvider time, string? q, string? sort)
    {
        var order = AgentRows.Sorts.Contains(sort) ? sort! : "name";
        var list = new AgentList(rows.For(visibility.VisibleTo(person), q, order), q, order, time.GetUtcNow());
        context.Response.VaryOnHtmx();
        if (context.Request.IsHtmx())
            return _AgentList.Create(list);
        return AgentsPage.Create(new AgentsView(frames.For(context, "PCs", "agents"), list, person.Role is "admin" or "operator", null));
    }

    private static IResult CreateToken(HttpContext context, PersonCaller person, PageFrames frames, AgentRows rows, EnrolmentStore enrolment,
        SiteContext site, TimeProvider time)
    {
        var lifetime = site.Config.Enrolment.TokenTtl;
        var token = enrolment.CreateToken(lifetime, person.Name, site.Authority.Fingerprint);
        var url = $"{context.Request.Scheme}://{context.Request.Host}";
        var issued = new IssuedToken(token, time.GetUtcNow() + lifetime, $"costor-agent enrol --appliance {url} --token {token}");
        var list = new AgentList(rows.For(null, null, "name"), null, "name", time.GetUtcNow());
        context.Response.Headers.CacheControl = "no-store";
        return AgentsPage.Create(new AgentsView(frames.For(context, "PCs", "agents"), list, true, issued));
    }
}
