using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Registry;

/// <summary>Converts between a served representation and the stored one when they differ in shape.</summary>
public interface IVersionConverter
{
    JsonObject ToStorage(JsonObject served);

    JsonObject FromStorage(JsonObject stored);
}
