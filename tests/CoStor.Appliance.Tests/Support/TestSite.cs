using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Commit;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Ingest;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tls;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoStor.Appliance.Tests.Support;

/// <summary>
/// A real site in a scratch directory — keyring, CA, catalogue, pack store — with the ingest and commit services
/// over it, wired as the host wires them but without HTTP.
/// </summary>
public sealed class TestSite : IDisposable
{
    private static readonly ManualTime Time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly PackStore _packs;
    private readonly ShadowFiles _shadows;
    private readonly IndexWriter _writer;
    private readonly EnrolmentStore _enrolment;
    private readonly CertificateAuthority _authority;

    public TestSite(string root)
    {
        Data = new DataDirectory(root);
        RecoveryKey = CoStor.Core.Keys.RecoveryKey.Parse(SiteInitializer.Create(Data, "school", Time));
        Keys = SiteKeys.Open(Data);
        _authority = CertificateAuthority.LoadOrCreate(Data, Keys, Time);
        Database = CatalogueDatabase.Open(Data.CataloguePath);
        _packs = new PackStore(Data, Database, Time, NullLogger<PackStore>.Instance, maxOpenPacks: 2);
        _shadows = new ShadowFiles(Data);
        _writer = new IndexWriter(Database);
        var audit = new AuditLog(Database, Time);
        _enrolment = new EnrolmentStore(Database, audit, Time);
        Sessions = new SessionStore(Database, Time);
        var known = new KnownBlobFilter(1000);
        known.MarkLoaded();
        Ingest = new BlobIngest(Database, _writer, _packs, _shadows, known, new ApplianceMetrics(known));
        Context = new SiteContext(Data, Keys, _authority, ConfigLoader.Load(null, new ConfigOverrides(DataDir: root)));
        Committer = new SnapshotCommitter(Database, _packs, known, Context, audit, Sessions, new SnapshotStore(Database, new CatalogueSecrets(Keys.Keyring.CatalogueKey)), Time);
    }

    public DataDirectory Data { get; }

    /// <summary>The site's recovery key, as <c>init</c> prints it once.</summary>
    public CoStor.Core.Keys.RecoveryKey RecoveryKey { get; }
    public SiteKeys Keys { get; }
    public CatalogueDatabase Database { get; }
    public SessionStore Sessions { get; }
    public BlobIngest Ingest { get; }
    public SnapshotCommitter Committer { get; }
    public SiteContext Context { get; }
    public CertificateAuthority Authority => _authority;
    public static TimeProvider Clock => Time;

    /// <summary>Seals every open pack that holds blobs, as a stopping appliance does.</summary>
    public void SealPacks() => _packs.SealIdle();

    /// <summary>Enrols an agent and returns its id.</summary>
    public string Agent(string name) =>
        _enrolment.Enrol(_enrolment.CreateToken(TimeSpan.FromHours(1), "test", TestFingerprint.Value), name, name).AgentId!;

    /// <summary>Enrols an agent and returns its id and credential.</summary>
    public (string Id, string Credential) Enrol(string name)
    {
        var outcome = _enrolment.Enrol(_enrolment.CreateToken(TimeSpan.FromHours(1), "test", TestFingerprint.Value), name, name);
        return (outcome.AgentId!, outcome.Credential!);
    }

    public AgentRecord Record(string agentId) => new AgentStore(Database, new AuditLog(Database, Time), Time).Find(agentId)!;

    /// <summary>Uploads blobs as <paramref name="agentId"/>, as a frame stream.</summary>
    public Task<CoStor.Core.Protocol.UploadResult> UploadAsync(string agentId, BlobType type, params byte[][] blobs) =>
        Ingest.IngestAsync(agentId, new MemoryStream([.. blobs.SelectMany(b => Frame(type, b))]), CancellationToken.None);

    public static byte[] Frame(BlobType type, byte[] blob)
    {
        var frame = new byte[FrameHeader.Length + blob.Length];
        FrameHeader.Write(frame, type, blob.Length, BlobId.Compute(blob));
        blob.CopyTo(frame, FrameHeader.Length);
        return frame;
    }

    public void Dispose()
    {
        _packs.Dispose();
        _shadows.Dispose();
        _writer.Dispose();
        _authority.Dispose();
    }
}
