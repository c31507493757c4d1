using CoStor.Appliance.Cli;

// Files and directories the appliance creates are its own alone (catalogue, WAL, keys, packs): umask 077.
CoStor.Appliance.Site.NativeMethods.umask(0b000_111_111);
var surroundings = ProcessSurroundings.From(Environment.GetEnvironmentVariables());
return await ApplianceCommands.Build(TimeProvider.System, surroundings).Parse(args).InvokeAsync();
