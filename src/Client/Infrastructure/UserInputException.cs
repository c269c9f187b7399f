namespace Mentia.Client.Infrastructure;

/// <summary>Something the user typed is wrong; the message names the option and the allowed values. Exit code 2.</summary>
public sealed class UserInputException(string message) : Exception(message);
