using Spool.Operator.Crds;

if (args.Length == 2 && args[0] == "generate-crds")
{
    foreach (var path in CrdGenerator.WriteTo(args[1]))
    {
        Console.WriteLine(path);
    }

    return 0;
}

return 2;
