using System.Net;
using System.Net.Sockets;
using CoStor.Agent.Cli;

namespace CoStor.Agent.Tests.Cli;

public class FailureMessagesTests
{
    [Test]
    public async Task Refused_connection_names_the_cause()
    {
        // A port that was just free and has no listener: a real connection failure, not a constructed one.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{port}/"));

        await Assert.That(FailureMessages.Describe(failure!)).StartsWith("cannot connect to the appliance: ").And.Contains("refused");
    }

    [Test]
    public async Task Reply_cut_short_says_the_appliance_closed_the_connection()
    {
        var failure = new HttpRequestException(HttpRequestError.ResponseEnded, "An error occurred while sending the request.",
            new IOException("The response ended prematurely."));

        var reset = new HttpRequestException(HttpRequestError.Unknown, "An error occurred while sending the request.",
            new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset)));

        await Assert.That(FailureMessages.Describe(failure)).IsEqualTo(
            "the appliance closed the connection before its reply was complete (The response ended prematurely; the appliance's log says why)");
        await Assert.That(FailureMessages.Describe(reset)).StartsWith("the appliance closed the connection before its reply was complete (");
    }

    [Test]
    public async Task Tls_failure_points_at_the_enrolment_and_other_errors_keep_their_cause()
    {
        var tls = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.",
            new System.Security.Authentication.AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback."));
        var other = new HttpRequestException(HttpRequestError.Unknown, "An error occurred while sending the request.", new IOException("broken pipe"));

        await Assert.That(FailureMessages.Describe(tls)).Contains("enrolled with").And.EndsWith("RemoteCertificateValidationCallback");
        await Assert.That(FailureMessages.Describe(other)).IsEqualTo("An error occurred while sending the request: broken pipe");
        await Assert.That(FailureMessages.Describe(new IOException("disk full"))).IsEqualTo("disk full");
    }
}
