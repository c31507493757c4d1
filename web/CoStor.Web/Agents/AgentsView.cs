namespace CoStor.Web.Agents;

/// <summary>The PCs page: the list (searchable, sortable), and for operators the "add a PC" token form.</summary>
public sealed record AgentsView(PageFrame Frame, AgentList List, bool CanManage, IssuedToken? Token);
