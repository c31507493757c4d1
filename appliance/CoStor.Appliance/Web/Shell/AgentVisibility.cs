using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;

namespace CoStor.Appliance.Web.Shell;

/// <summary>
/// Which agents a person may see: admins and operators every agent, a restorer only those granted to them (directly
/// or through a group; <see cref="UserStore.VisibleAgents"/>). Every page and download that names an agent asks here
/// first; an agent a person may not see answers exactly as one that does not exist.
/// </summary>
public sealed class AgentVisibility(UserStore users)
{
    /// <summary>Null: every agent. Otherwise the ids this person may see (read per request, so a grant counts at once).</summary>
    public IReadOnlySet<string>? VisibleTo(PersonCaller person) => users.VisibleAgents(person.Name);

    public bool CanSee(PersonCaller person, string agentId) => VisibleTo(person) is not { } visible || visible.Contains(agentId);
}
