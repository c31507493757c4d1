namespace CoStor.Appliance.Configuration;

/// <summary><c>[site]</c>: this box's identity among its peers.</summary>
/// <param name="Name">Site name (<c>site.name</c>); defaults to the machine's host name.</param>
/// <param name="MachineKeyFile">
/// Where the machine key that seals the site keyring lives (<c>site.machine_key_file</c>, absolute); null: in the
/// data directory. An appliance image keeps it on the system partition, apart from the data disk.
/// </param>
public sealed record SiteConfig(string Name, string? MachineKeyFile = null);
