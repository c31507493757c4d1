namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>One day of an agent's backup calendar.</summary>
public sealed record CalendarDay(DateOnly Day, BackupDayState State);
