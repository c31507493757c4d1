using CoStor.Appliance.Cli;

return await ApplianceCommands.Build(TimeProvider.System).Parse(args).InvokeAsync();
