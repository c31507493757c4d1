namespace CoStor.Appliance.Cli;

/// <summary>Placeholder until configuration loading lands; thrown for invalid settings.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
