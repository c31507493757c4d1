using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>A real catalogue in a scratch directory with the stores the admin pages use, over one hand-moved clock.</summary>
internal sealed class AdminCatalogue
{
    public AdminCatalogue(ScratchDirectory scratch)
    {
        Time = new ManualTime(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        Database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        Audit = new AuditLog(Database, Time);
        Users = new UserStore(Database, Audit, Time);
        Agents = new AgentStore(Database, Audit, Time);
        Enrolment = new EnrolmentStore(Database, Audit, Time);
    }

    public ManualTime Time { get; }
    public CatalogueDatabase Database { get; }
    public AuditLog Audit { get; }
    public UserStore Users { get; }
    public AgentStore Agents { get; }
    public EnrolmentStore Enrolment { get; }

    /// <summary>Enrols an agent and returns its id.</summary>
    public string Agent(string name) => Enrolment.Enrol(Enrolment.CreateToken(TimeSpan.FromHours(1), "test", TestFingerprint.Value), name, name + "-host").AgentId!;

    /// <summary>The newest audit entry.</summary>
    public AuditEntry LastAudit => Audit.Recent(1).Single();
}
