using CoStor.Fuzz;

return FuzzCommand.Run(args);
