using RazorSlices;

namespace CoStor.Appliance.Web.Shell;

/// <summary>A page's status code travels on the slice: rendering a slice sets the response's status from it.</summary>
public static class SliceStatus
{
    public static RazorSlice WithStatus(this RazorSlice slice, int statusCode)
    {
        slice.StatusCode = statusCode;
        return slice;
    }
}
