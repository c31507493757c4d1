namespace CoStor.Web.Charts;

/// <summary>One day of a PC's backup calendar: <c>none</c>, <c>complete</c> or <c>partial</c> (the stylesheet's classes).</summary>
public sealed record CalendarDay(DateOnly Day, string State);
