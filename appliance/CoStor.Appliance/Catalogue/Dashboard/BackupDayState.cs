namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>What an agent's snapshots made of a day: none, at least one complete, or only partial ones.</summary>
public enum BackupDayState
{
    None,
    Complete,
    Partial,
}
