using System.Runtime.InteropServices;

namespace CoStor.Appliance.Hosting;

/// <summary>
/// SIGTERM, SIGINT and SIGQUIT stop the host, which drains running requests (up to the shutdown timeout), seals
/// the open packs and returns, so a stop always ends in exit 0. It replaces the default console lifetime, whose
/// handler stops waiting after the shutdown timeout and lets the signal end the process — cutting off the sealing
/// that follows a long drain.
/// </summary>
public sealed class SignalLifetime(IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
            _registrations.Add(PosixSignalRegistration.Create(signal, Stop));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        lifetime.StopApplication();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
