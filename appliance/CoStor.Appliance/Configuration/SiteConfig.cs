namespace CoStor.Appliance.Configuration;

/// <summary><c>[site]</c>: this box's identity among its peers.</summary>
/// <param name="Name">Site name (<c>site.name</c>); defaults to the machine's host name.</param>
public sealed record SiteConfig(string Name);
