using System.CommandLine;
using CoStor.Appliance.Cli;

// Files and directories the appliance creates are its own alone (catalogue, WAL, keys, packs): umask 077.
CoStor.Appliance.Site.NativeMethods.umask(0b000_111_111);
var surroundings = ProcessSurroundings.From(Environment.GetEnvironmentVariables());
// No termination handling by the command line: it would end the process 2 s after SIGTERM, cutting off a drain
// and the sealing after it. `serve` stops on signals itself (Hosting/SignalLifetime); the other verbs are short.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await ApplianceCommands.Build(TimeProvider.System, surroundings).Parse(args).InvokeAsync(invocation);
