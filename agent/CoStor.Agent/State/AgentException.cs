namespace CoStor.Agent.State;

/// <summary>An expected failure with a message meant for the person at the terminal (exit code 1).</summary>
public class AgentException(string message, Exception? inner = null) : Exception(message, inner);
