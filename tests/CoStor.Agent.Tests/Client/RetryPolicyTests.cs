using System.Net.Sockets;
using CoStor.Agent.Client;
using CoStor.Agent.State;
using Microsoft.Extensions.Time.Testing;

namespace CoStor.Agent.Tests.Client;

public class RetryPolicyTests
{
    private static HttpRequestException Unreachable() =>
        new(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));

    [Test]
    public async Task Transient_failures_are_tried_again_until_the_operation_succeeds()
    {
        var time = new FakeTimeProvider();
        var notices = new List<string>();
        var policy = new RetryPolicy(TimeSpan.FromMinutes(2), notices.Add, time);
        var attempts = 0;

        var running = policy.RunAsync(() => ++attempts < 4 ? throw Unreachable() : Task.FromResult("done"), CancellationToken.None);
        while (!running.IsCompleted)
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        await Assert.That(await running).IsEqualTo("done");
        await Assert.That(attempts).IsEqualTo(4);
        await Assert.That(notices.Count).IsEqualTo(3);
        await Assert.That(notices[0]).IsEqualTo("appliance unreachable (Connection refused); trying again in 0.5 s");
        await Assert.That(notices[2]).EndsWith("trying again in 2 s");
    }

    [Test]
    public async Task The_budget_bounds_the_waiting_and_the_last_failure_surfaces()
    {
        var time = new FakeTimeProvider();
        var policy = new RetryPolicy(TimeSpan.FromSeconds(5), time: time);
        var attempts = 0;

        var running = policy.RunAsync<int>(() => { attempts++; throw Unreachable(); }, CancellationToken.None);
        while (!running.IsCompleted)
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        await Assert.That(running.IsFaulted).IsTrue();
        await Assert.That(running.Exception!.InnerException).IsTypeOf<HttpRequestException>();
        // 0.5 + 1 + 2 s of waiting fit in 5 s; the next wait (4 s) would not: four attempts.
        await Assert.That(attempts).IsEqualTo(4);
    }

    [Test]
    public async Task Answers_and_refused_tls_are_not_tried_again()
    {
        var policy = new RetryPolicy(TimeSpan.FromMinutes(2));
        var attempts = 0;
        var tls = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established",
            new System.Security.Authentication.AuthenticationException("certificate rejected"));

        await Assert.That(() => policy.RunAsync<int>(() => { attempts++; throw tls; }, CancellationToken.None)).Throws<HttpRequestException>();
        await Assert.That(() => policy.RunAsync<int>(() => { attempts++; throw new AgentException("appliance refused (422): missing blobs"); }, CancellationToken.None))
            .Throws<AgentException>();
        await Assert.That(attempts).IsEqualTo(2);
        await Assert.That(RetryPolicy.None.Budget).IsEqualTo(TimeSpan.Zero);
    }
}
