using System.Net;
using CoStor.Appliance.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CoStor.Appliance.Tests.Hosting;

/// <summary>The failure middleware on a real Kestrel listener (127.0.0.1, port 0), with endpoints that fail on purpose.</summary>
public class FailureResponsesTests
{
    [Test]
    [Arguments(413, "request body is larger than this endpoint accepts")]
    [Arguments(400, "bad request: body ended early")]
    public async Task A_request_the_server_refused_keeps_its_4xx_status_with_a_json_error(int status, string message)
    {
        await using var app = await StartAsync(endpoint => endpoint.MapPost("/fail", IResult () => throw new BadHttpRequestException("body ended early", status)));
        using var client = new HttpClient { BaseAddress = AddressOf(app) };

        var response = await client.PostAsync("/fail", new StringContent("{}"));

        await Assert.That((int)response.StatusCode).IsEqualTo(status);
        await Assert.That(await response.Content.ReadAsStringAsync()).Contains("\"error\":").And.Contains(message);
    }

    [Test]
    public async Task An_unforeseen_failure_is_a_500_naming_the_request()
    {
        await using var app = await StartAsync(endpoint => endpoint.MapPost("/fail", IResult () => throw new InvalidOperationException("a bug")));
        using var client = new HttpClient { BaseAddress = AddressOf(app) };

        var response = await client.PostAsync("/fail", new StringContent("{}"));

        await Assert.That(response.StatusCode).IsEqualTo(HttpStatusCode.InternalServerError);
        await Assert.That(await response.Content.ReadAsStringAsync()).Contains("InvalidOperationException; request ");
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseFailureResponses();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
