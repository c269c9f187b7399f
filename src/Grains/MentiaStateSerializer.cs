using System.Text.Json;
using Mentia.GrainInterfaces;
using Orleans.Storage;

namespace Mentia.Grains;

/// <summary>
/// How grain state is written to storage: System.Text.Json with the options the plain Mentia records travel
/// with (<see cref="MentiaSerialization.JsonOptions"/>). Orleans' default storage serializer (Newtonsoft) would
/// silently drop what the ledger keeps behind private setters; this one reads back exactly what it wrote,
/// and the blobs stay readable JSON.
/// </summary>
public sealed class MentiaStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, MentiaSerialization.JsonOptions);

    public T Deserialize<T>(BinaryData input) =>
        input.ToObjectFromJson<T>(MentiaSerialization.JsonOptions) ?? throw new JsonException($"stored {typeof(T).Name} is null");
}
