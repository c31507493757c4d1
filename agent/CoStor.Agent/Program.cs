using CoStor.Agent.Cli;

return await AgentCommands.Build().Parse(args).InvokeAsync();
