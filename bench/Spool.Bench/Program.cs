using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Spool.Bench.Crc32CBenchmarks).Assembly).Run(args);
