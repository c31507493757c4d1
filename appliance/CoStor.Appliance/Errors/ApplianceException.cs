namespace CoStor.Appliance.Errors;

/// <summary>
/// A failure the operator can fix (no site yet, a bad option, a catalogue from a newer version): its message
/// says what to do, and the command line prints it as one line with exit code 1. Bugs stay other exceptions
/// (such as <see cref="InvalidOperationException"/>) so they are never mistaken for a user's error.
/// </summary>
public sealed class ApplianceException(string message) : Exception(message);
