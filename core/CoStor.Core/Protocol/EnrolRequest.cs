namespace CoStor.Core.Protocol;

/// <summary>Body of <c>POST /api/v1/enrol</c>: a one-time token from <c>costor-appliance token create</c>.</summary>
public sealed record EnrolRequest(string Token, string Name, string Host);
