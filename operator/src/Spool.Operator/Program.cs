using Spool.Operator.Crds;
using Spool.Operator.Hosting;

// spool-operator [flags]            run the operator (see --help)
// spool-operator generate-crds DIR...  write the CustomResourceDefinitions generated from the C# types
//                                       (the repo keeps them in crds/ and in the chart: charts/spool/crds/)
if (args is ["generate-crds", .. var directories] && directories.Length > 0)
{
    foreach (var directory in directories)
    {
        foreach (var path in CrdGenerator.WriteTo(directory))
        {
            Console.WriteLine(path);
        }
    }

    return 0;
}

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine("Usage: spool-operator [--flag value]...   (every flag also from SPOOL_OPERATOR_<FLAG>)");
    Console.WriteLine("       spool-operator generate-crds <directory>...");
    foreach (var (flag, help) in OperatorOptionsParser.Flags)
    {
        Console.WriteLine($"  --{flag,-28} {help}");
    }

    return 0;
}

OperatorOptions options;
try
{
    options = OperatorOptionsParser.Parse(args, Environment.GetEnvironmentVariable);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync($"spool-operator: {ex.Message}");
    return 2;
}

return await OperatorHost.RunAsync(options);
