namespace Mentia.Storage;

/// <summary>Blob storage (Azure or Azurite) cannot be reached or started; the message says what to do.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
