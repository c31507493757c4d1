namespace CoStor.Web.Users;

public sealed record UserRow(string Name, string Role, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset? PasswordChangedAt);
