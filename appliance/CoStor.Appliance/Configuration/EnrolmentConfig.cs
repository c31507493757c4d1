namespace CoStor.Appliance.Configuration;

/// <summary><c>[enrolment]</c>: how agents join the site.</summary>
/// <param name="TokenTtlHours">Hours an enrolment token stays valid after <c>token create</c>.</param>
public sealed record EnrolmentConfig(int TokenTtlHours)
{
    public static EnrolmentConfig Default { get; } = new(TokenTtlHours: 24);

    public TimeSpan TokenTtl => TimeSpan.FromHours(TokenTtlHours);
}
