using TUnit.Core.Interfaces;

[assembly: TUnit.Core.ParallelLimiter<CoStor.Browser.Tests.Support.BrowserParallelism>]

namespace CoStor.Browser.Tests.Support;

/// <summary>
/// Two browser tests at a time: each runs an appliance, a headless chromium and PBKDF2 sign-ins, and the other
/// suites run beside this one on the same two cores.
/// </summary>
public sealed class BrowserParallelism : IParallelLimit
{
    public int Limit => 2;
}
