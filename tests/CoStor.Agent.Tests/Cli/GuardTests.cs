using CoStor.Agent.Cli;
using CoStor.Agent.State;

namespace CoStor.Agent.Tests.Cli;

/// <summary>Every expected failure, also one wrapped by a parallel loop, becomes one stderr line and exit code 1.</summary>
public class GuardTests
{
    [Test]
    public async Task A_failure_wrapped_by_a_parallel_loop_is_one_line_and_exit_code_1()
    {
        var (code, stderr) = await GuardAsync(() => Parallel.ForEach([1, 2], _ => throw new AgentException("tree too odd")));

        await Assert.That(code).IsEqualTo(1);
        await Assert.That(stderr).IsEqualTo("costor-agent: tree too odd\n");
    }

    [Test]
    public async Task A_plain_failure_is_one_line_and_exit_code_1()
    {
        var (code, stderr) = await GuardAsync(() => throw new IOException("disk gone"));

        await Assert.That(code).IsEqualTo(1);
        await Assert.That(stderr).IsEqualTo("costor-agent: disk gone\n");
    }

    private static async Task<(int Code, string Stderr)> GuardAsync(Action action)
    {
        using var errors = new StringWriter { NewLine = "\n" };
        var code = await AgentCommands.Guard(() =>
        {
            action();
            return Task.FromResult(0);
        }, errors);
        return (code, errors.ToString());
    }
}
