namespace CoStor.Web.Replication;

/// <summary>The replication page; its body (<c>#replication</c>) refreshes itself through htmx.</summary>
public sealed record ReplicationView(PageFrame Frame, ReplicationBody Body);
