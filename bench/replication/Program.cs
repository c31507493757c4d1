using System.Globalization;
using System.Security.Cryptography;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Ingest;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;
using Microsoft.Extensions.DependencyInjection;

// costor-bench-replication fill DATA PACKS BLOBS BLOB_BYTES
//   Adds PACKS sealed packs of BLOBS random blobs of BLOB_BYTES each to the existing site in DATA, uploaded by one
//   enrolled agent through the appliance's own verified ingest (BlobIngest), each pack sealed at once: the pack,
//   blob index and ownership rows a real backup leaves, with small blobs so that many packs fit the machine. The
//   appliance must not be serving DATA.
if (args is not ["fill", var root, var packsText, var blobsText, var sizeText]
    || !int.TryParse(packsText, CultureInfo.InvariantCulture, out var packCount) || packCount < 1
    || !int.TryParse(blobsText, CultureInfo.InvariantCulture, out var blobsPerPack) || blobsPerPack < 1
    || !int.TryParse(sizeText, CultureInfo.InvariantCulture, out var blobBytes) || blobBytes < 1)
{
    Console.Error.WriteLine("usage: costor-bench-replication fill DATA PACKS BLOBS BLOB_BYTES");
    return 2;
}
var data = new DataDirectory(root);
if (!data.SiteExists)
{
    Console.Error.WriteLine($"costor-bench-replication: no site in {root} (costor-appliance init first)");
    return 2;
}
var config = ConfigLoader.Parse("", "fill", new ConfigOverrides(data.Root, "https://127.0.0.1:0"));
var app = ApplianceHost.Build(config, data, SiteKeys.Open(data), TimeProvider.System);
await app.StartAsync();
var enrolment = app.Services.GetRequiredService<EnrolmentStore>();
var fingerprint = app.Services.GetRequiredService<SiteContext>().Authority.Fingerprint;
var agent = enrolment.Enrol(enrolment.CreateToken(TimeSpan.FromHours(1), "bench", fingerprint), "bench-pc", "bench-pc").AgentId!;
var ingest = app.Services.GetRequiredService<BlobIngest>();
var packs = app.Services.GetRequiredService<PackStore>();
var frames = new MemoryStream();
var blob = new byte[blobBytes];
for (var p = 0; p < packCount; p++)
{
    frames.SetLength(0);
    for (var b = 0; b < blobsPerPack; b++)
    {
        RandomNumberGenerator.Fill(blob);
        var header = new byte[FrameHeader.Length];
        FrameHeader.Write(header, BlobType.Data, blob.Length, BlobId.Compute(blob));
        frames.Write(header);
        frames.Write(blob);
    }
    frames.Position = 0;
    await ingest.IngestAsync(agent, frames, CancellationToken.None);
    packs.SealIdle();
    if ((p + 1) % 1000 == 0)
        Console.Error.WriteLine($"# {p + 1:N0} packs");
}
await app.StopAsync();
Console.Error.WriteLine($"# filled {packCount:N0} packs × {blobsPerPack} blobs × {blobBytes:N0} bytes");
return 0;
