using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Shell;
using Microsoft.AspNetCore.Mvc;

namespace CoStor.Appliance.Web.Agents;

/// <summary>
/// What every change to a PC needs: which PC, who asks, and the services that render and change it. The services are
/// marked: left to inference, the generated binder took one of them for a JSON body (415 on a form post).
/// </summary>
public readonly record struct AgentChange(string Id, HttpContext Context, PersonCaller Person, [property: FromServices] PageFrames Frames,
    [property: FromServices] AgentStore Agents, [property: FromServices] SnapshotStore Snapshots, [property: FromServices] AgentVisibility Visibility);
