using Spool.Cli;
using Spool.Cli.Infrastructure;

return await SpoolCli.RunAsync(args, CliConsole.ForProcess());
