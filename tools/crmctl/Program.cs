using CrmActors.Ctl;

return await Commands.RunAsync(args, Console.Out, Console.Error);
