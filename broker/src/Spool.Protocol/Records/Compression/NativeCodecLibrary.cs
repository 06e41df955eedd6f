using System.Runtime.InteropServices;

namespace Spool.Protocol.Records.Compression;

/// <summary>
/// Loads a system compression library on first use. The codecs are optional at run time: a machine without
/// one still serves uncompressed and other codecs' batches, and batches of the missing codec are refused with
/// UNSUPPORTED_COMPRESSION_TYPE instead of failing at start-up.
/// </summary>
internal sealed class NativeCodecLibrary
{
    private NativeCodecLibrary(nint handle, string name)
    {
        Handle = handle;
        Name = name;
    }

    public nint Handle { get; }

    public string Name { get; }

    /// <summary>Tries the given file names in order (the versioned Linux name first, then generic ones).</summary>
    public static NativeCodecLibrary? TryLoad(string[] names, out string? error)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, typeof(NativeCodecLibrary).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out var handle))
            {
                error = null;
                return new NativeCodecLibrary(handle, name);
            }
        }

        error = $"none of {string.Join(", ", names)} could be loaded";
        return null;
    }

    /// <summary>The address of an exported function, or 0 (the caller reports the library as unusable).</summary>
    public nint Export(string symbol, List<string> missing)
    {
        if (NativeLibrary.TryGetExport(Handle, symbol, out var address))
        {
            return address;
        }

        missing.Add(symbol);
        return 0;
    }
}
