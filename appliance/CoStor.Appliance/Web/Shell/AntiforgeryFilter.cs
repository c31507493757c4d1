using Microsoft.AspNetCore.Antiforgery;

namespace CoStor.Appliance.Web.Shell;

/// <summary>
/// Refuses a state-changing request (anything but GET/HEAD) without a valid anti-forgery token, in the form field or
/// the header htmx sends. Applied to every UI route group, so no handler can forget it.
/// </summary>
public sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            return await next(context);
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.Text("This form has expired or did not come from this appliance. Go back, reload the page and try again.",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        return await next(context);
    }
}
