namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>Orders of the agent list; agents without the date sort after those with one, either way.</summary>
public enum AgentSort
{
    Name,
    LastSeen,
    LastBackup,
}
