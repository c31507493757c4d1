using CoStor.Appliance.Authentication;

namespace CoStor.Appliance.Web.Shell;

/// <summary>
/// Which agents a person may see: admins and operators every agent, a restorer only those granted to them (directly
/// or through a group). Every page and download that names an agent asks here first; an agent a person may not see
/// answers exactly as one that does not exist.
/// </summary>
public sealed class AgentVisibility
{
    /// <summary>Null: every agent. Otherwise the ids this person may see.</summary>
    public IReadOnlySet<string>? VisibleTo(PersonCaller person) =>
        person.Role is "admin" or "operator" ? null : new HashSet<string>();

    public bool CanSee(PersonCaller person, string agentId) => VisibleTo(person) is not { } visible || visible.Contains(agentId);
}
