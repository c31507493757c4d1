using CoStor.Appliance.Catalogue;

namespace CoStor.Appliance.Web.Login;

/// <summary>
/// Back-off and lockout for sign-in, per account and per address: an account locks after 5 failures in a row, an
/// address after 20 (a classroom shares one address); each further failure doubles the lock, up to 15 minutes for an
/// account and 60 for an address. Applies to names that do not exist too, so a lockout tells nothing.
/// </summary>
public sealed class LoginThrottle(LoginFailureStore failures)
{
    public const int AccountFailures = 5;
    public const int AddressFailures = 20;
    private static readonly TimeSpan AccountMaxLock = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan AddressMaxLock = TimeSpan.FromMinutes(60);

    /// <summary>When the later of the two locks ends, or null when this name may try from this address now.</summary>
    public DateTimeOffset? LockedUntil(string name, string? address)
    {
        var account = failures.LockedUntil(AccountSubject(name));
        var place = address is null ? null : failures.LockedUntil(AddressSubject(address));
        return account > place || place is null ? account : place;
    }

    public void Failed(string name, string? address)
    {
        failures.Fail(AccountSubject(name), AccountFailures, AccountMaxLock);
        if (address is not null)
            failures.Fail(AddressSubject(address), AddressFailures, AddressMaxLock);
    }

    public void Succeeded(string name) => failures.Clear(AccountSubject(name));

    private static string AccountSubject(string name) => "user:" + name.ToLowerInvariant();

    private static string AddressSubject(string address) => "address:" + address;
}
