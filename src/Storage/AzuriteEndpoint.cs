namespace Mentia.Storage;

/// <summary>Where a local Azurite listens; all three services on loopback.</summary>
public sealed record AzuriteEndpoint(int BlobPort, int QueuePort, int TablePort, string Host = "127.0.0.1")
{
    /// <summary>Azurite's fixed, publicly documented development account (not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's default ports.</summary>
    public static AzuriteEndpoint Default { get; } = new(10000, 10001, 10002);

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://{Host}:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://{Host}:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://{Host}:{TablePort}/{AccountName};";
}
