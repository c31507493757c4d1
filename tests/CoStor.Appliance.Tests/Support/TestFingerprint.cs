namespace CoStor.Appliance.Tests.Support;

/// <summary>A CA fingerprint for tokens made outside a real site.</summary>
public static class TestFingerprint
{
    public const string Value = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
}
