namespace CoStor.Web.Users;

/// <summary>An option in a list: its value and what a person reads.</summary>
public sealed record Choice(string Value, string Text);
