namespace NeuralStyle.Engine.Transfer;

/// <summary>A run that could not finish, with a message a person can act on.</summary>
public sealed class StyleTransferException(string message, Exception? inner = null) : Exception(message, inner);
