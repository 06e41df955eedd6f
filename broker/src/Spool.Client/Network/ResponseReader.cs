using Spool.Protocol;

namespace Spool.Client.Network;

/// <summary>Decodes a response body at a version (the generated <c>Read</c> methods, or a custom fallback).</summary>
internal delegate T ResponseReader<T>(ref KafkaReader reader, short version);
