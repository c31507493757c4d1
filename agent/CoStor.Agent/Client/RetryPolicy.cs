namespace CoStor.Agent.Client;

/// <summary>
/// How the agent rides out an appliance that is briefly unreachable — restarting after an update or a crash,
/// rebooting, a network blip: an operation that fails transiently (<see cref="TransientFailure"/>) runs again
/// after 0.5 s, 1 s, 2 s, … (at most 10 s apart) until it succeeds, fails otherwise, or <see cref="Budget"/>
/// has passed. Only for operations that may run twice: every agent call is idempotent (keys and reads change
/// nothing, an upload the appliance already holds is a no-op, committing the same session and root again
/// returns the snapshot already committed).
/// </summary>
public sealed class RetryPolicy(TimeSpan budget, Action<string>? notice = null, TimeProvider? time = null)
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Sends everything once.</summary>
    public static RetryPolicy None { get; } = new(TimeSpan.Zero);

    /// <summary>How long one operation may keep trying; zero runs it once.</summary>
    public TimeSpan Budget { get; } = budget;

    public async Task<T> RunAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + Budget;
        var wait = FirstWait;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (TransientFailure.Is(e) && !cancellationToken.IsCancellationRequested && _time.GetUtcNow() + wait < deadline)
            {
                notice?.Invoke($"appliance unreachable ({TransientFailure.Cause(e)}); trying again in {wait.TotalSeconds:0.#} s");
                await Task.Delay(wait, _time, cancellationToken);
                wait = wait * 2 < LongestWait ? wait * 2 : LongestWait;
            }
        }
    }
}
